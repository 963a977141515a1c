import { resolve } from 'node:path'
import { builtinModules } from 'node:module'
import { defineConfig } from 'vite'

/**
 * Builds the web host (development and test host, never packaged) and the contract document
 * generator as Node ES modules in out/web-host, beside the renderer they serve.
 */
export default defineConfig({
  build: {
    ssr: true,
    outDir: resolve(__dirname, 'out/web-host'),
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    rolldownOptions: {
      input: {
        index: resolve(__dirname, 'electron/core/host/web-cli.ts'),
        'contract-doc': resolve(__dirname, 'electron/core/host/contract-doc-cli.ts')
      },
      external: ['better-sqlite3', 'zod', ...builtinModules.flatMap((m) => [m, `node:${m}`])],
      output: { format: 'es', entryFileNames: '[name].mjs', chunkFileNames: 'chunks/[name]-[hash].mjs' }
    }
  }
})
