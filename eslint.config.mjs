// @ts-check
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import globals from 'globals'

/** The walls between rooms (see the README, Working on the code): each is an import the room may not make. */
export const walls = {
  core: {
    paths: [{ name: 'electron', message: 'electron/core runs in plain Node: only electron/main and electron/preload may import electron.' }],
    patterns: [{ group: ['**/main/**', '**/preload/**', '**/renderer/**'], message: 'electron/core may not reach into the hosts or the renderer.' }]
  },
  /** The till's product code reaches the simulators only through the one training loader. */
  coreProduct: {
    paths: [{ name: 'electron', message: 'electron/core runs in plain Node: only electron/main and electron/preload may import electron.' }],
    patterns: [
      { group: ['**/main/**', '**/preload/**', '**/renderer/**'], message: 'electron/core may not reach into the hosts or the renderer.' },
      { group: ['**/sandbox/**'], message: 'Product code reaches the simulators only through electron/core/training/simulators.ts.' }
    ]
  },
  /** The simulators share no code with the providers they stand in for: only the wire facts in shared/. */
  sandbox: {
    paths: [{ name: 'electron', message: 'The simulators run in plain Node.' }],
    patterns: [
      { group: ['**/main/**', '**/preload/**', '**/renderer/**'], message: 'electron/core may not reach into the hosts or the renderer.' },
      {
        group: ['**/providers/**', '**/features/**', '**/journal/**', '**/settings/**', '**/training/**'],
        message: 'A simulator is written from the provider’s documents, not from the till’s code: it imports only shared/ (the wire facts) and the sandbox framework.'
      }
    ]
  },
  shared: {
    paths: [{ name: 'electron', message: 'shared/ is pure TypeScript used by every process: no electron.' }],
    patterns: [{ group: ['**/electron/**', '**/renderer/**', 'node:*'], message: 'shared/ imports nothing from electron/, renderer/ or Node.' }]
  },
  backoffice: {
    paths: [{ name: 'electron', message: 'The back office is a service of its own: no electron.' }],
    patterns: [{ group: ['**/electron/**', '**/renderer/**'], message: 'The back office shares only shared/ with the till.' }]
  },
  backofficeWeb: {
    paths: [{ name: 'electron', message: 'The back office page runs in a browser.' }],
    patterns: [
      { group: ['**/electron/**', '**/renderer/**', '**/backoffice/src/**', 'node:*'], message: 'The back office page talks to its service only through the calls in shared/backoffice/screens.ts.' }
    ]
  },
  renderer: {
    paths: [{ name: 'electron', message: 'The renderer talks to the till only through the contract bridge.' }],
    patterns: [{ group: ['**/electron/**', 'node:*'], message: 'The renderer never imports electron/ or Node modules.' }]
  }
}

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.till-data/**', '.backoffice-data/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'error',
      eqeqeq: ['error', 'always'],
      'no-console': 'off'
    }
  },
  { files: ['electron/core/**/*.ts'], ignores: ['electron/core/sandbox/**', 'electron/core/training/simulators.ts'], rules: { 'no-restricted-imports': ['error', walls.coreProduct] } },
  { files: ['electron/core/training/simulators.ts'], rules: { 'no-restricted-imports': ['error', walls.core] } },
  { files: ['electron/core/sandbox/**/*.ts'], rules: { 'no-restricted-imports': ['error', walls.sandbox] } },
  { files: ['shared/**/*.ts'], rules: { 'no-restricted-imports': ['error', walls.shared] } },
  { files: ['backoffice/src/**/*.ts'], rules: { 'no-restricted-imports': ['error', walls.backoffice] } },
  {
    files: ['backoffice/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'no-restricted-imports': ['error', walls.backofficeWeb] }
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'no-restricted-imports': ['error', walls.renderer] }
  }
)
