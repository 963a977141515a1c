import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { builtinModules } from 'node:module'
import { defineConfig } from 'vite'

const __dirname = dirname(fileURLToPath(import.meta.url))

/**
 * Builds the web host (development and test host, never packaged), the contract document
 * generator and the sandbox as Node ES modules in out/web-host, beside the renderer they serve.
 */
export default defineConfig({
  // Bundled as in the Electron main build: loaded from node_modules, zod alone is some sixty modules (about 60 ms of start).
  ssr: { noExternal: ['zod', 'pino', 'rotating-file-stream'] },
  build: {
    ssr: true,
    outDir: resolve(__dirname, 'out/web-host'),
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    rolldownOptions: {
      input: {
        index: resolve(__dirname, 'electron/core/host/web-cli.ts'),
        core: resolve(__dirname, 'electron/core/process/core-entry.ts'),
        'contract-doc': resolve(__dirname, 'electron/core/host/contract-doc-cli.ts'),
        sandbox: resolve(__dirname, 'electron/core/sandbox/sandbox-cli.ts'),
        bench: resolve(__dirname, 'bench/bench.ts')
      },
      external: ['better-sqlite3', '@playwright/test', ...builtinModules.flatMap((m) => [m, `node:${m}`])],
      output: { format: 'es', entryFileNames: '[name].mjs', chunkFileNames: 'chunks/[name]-[hash].mjs' }
    }
  }
})
