import { afterEach } from 'vitest'

// React Testing Library unmounts after each test only where a DOM exists.
if (typeof document !== 'undefined') {
  const { cleanup } = await import('@testing-library/react')
  afterEach(() => cleanup())
}
