import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

const __dirname = dirname(fileURLToPath(import.meta.url))

/** Builds the managers' and head office's web page into out/backoffice/web, where the back office serves it from. */
export default defineConfig({
  root: resolve(__dirname, 'backoffice/web'),
  base: '/',
  plugins: [react()],
  build: {
    outDir: resolve(__dirname, 'out/backoffice/web'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false
  }
})
