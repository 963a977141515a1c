import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'
import type { Plugin } from 'vite'
import { CONTENT_SECURITY_POLICY, DEV_CONTENT_SECURITY_POLICY } from './electron/core/host/csp'

const root = __dirname

/** The page's CSP meta tag comes from the same policy as the hosts' header; dev relaxes it for HMR. */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'till-content-security-policy',
    transformIndexHtml: {
      order: 'pre',
      handler: (html, context) => {
        const policy = context.server === undefined ? CONTENT_SECURITY_POLICY : DEV_CONTENT_SECURITY_POLICY
        // frame-ancestors only works as a header (which both hosts send); in a meta tag it is ignored.
        return html.replace('%TILL_CSP%', policy.replace(/; frame-ancestors [^;]+/, ''))
      }
    }
  }
}

export default defineConfig({
  main: {
    // Two entries: main itself, and the core's utility process (out/main/core.js) that main starts.
    // Only `dependencies` stay outside the bundle (they ship in the asar's node_modules); zod, pino and
    // rotating-file-stream are devDependencies and bundled: read from the asar as separate modules (zod
    // alone is some sixty), they cost the till's start more than their bytes do in one file.
    build: { lib: { entry: { index: resolve(root, 'electron/main/index.ts'), core: resolve(root, 'electron/core/process/core-entry.ts') } } }
  },
  preload: {
    // Sandboxed preloads cannot require packages: bundle everything into one file.
    build: { lib: { entry: resolve(root, 'electron/preload/index.ts') }, externalizeDeps: false }
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [react(), contentSecurityPolicy()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      minify: true,
      rolldownOptions: { input: resolve(root, 'renderer/index.html') }
    }
  }
})
