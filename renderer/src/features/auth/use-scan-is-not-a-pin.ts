import { useState } from 'react'
import { useScans } from '../../ui/scan-detector'

/**
 * A scanner's burst on a PIN screen is never a PIN: it counts against nobody, the screen says what
 * to do (true once a scan came), and the PIN starts again, since a key the computer held back at the
 * head of a scan reaches the field as if typed.
 */
export function useScanIsNotAPin(clearPin: () => void): boolean {
  const [scanned, setScanned] = useState(false)
  useScans(() => {
    setScanned(true)
    clearPin()
  })
  return scanned
}
