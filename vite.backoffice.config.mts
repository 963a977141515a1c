import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { builtinModules } from 'node:module'
import { defineConfig } from 'vite'

const __dirname = dirname(fileURLToPath(import.meta.url))

/** Builds the back office (a separate deployable) as a Node ES module in out/backoffice; its SQL migrations are bundled in. */
export default defineConfig({
  ssr: { noExternal: ['zod'] },
  build: {
    ssr: true,
    outDir: resolve(__dirname, 'out/backoffice'),
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    rolldownOptions: {
      input: { index: resolve(__dirname, 'backoffice/src/cli.ts') },
      external: ['fastify', 'pg', '@electric-sql/pglite', ...builtinModules.flatMap((m) => [m, `node:${m}`])],
      output: { format: 'es', entryFileNames: '[name].mjs', chunkFileNames: 'chunks/[name]-[hash].mjs' }
    }
  }
})
