import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

const root = __dirname

export default defineConfig({
  main: {
    build: { lib: { entry: resolve(root, 'electron/main/index.ts') } }
  },
  preload: {
    // Sandboxed preloads cannot require packages: bundle everything into one file.
    build: { lib: { entry: resolve(root, 'electron/preload/index.ts') }, externalizeDeps: false }
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      minify: true,
      rolldownOptions: { input: resolve(root, 'renderer/index.html') }
    }
  }
})
