import { lazy } from 'react'

/** This provider's screen (its id and its name in the menu are its manifest's, shared/providers/). Loaded when first opened (but Redeem, the first). */
export const Screen = lazy(() => import('./ReceiptsScreen').then((module) => ({ default: module.ReceiptsScreen })))
