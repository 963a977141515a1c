import { lazy } from 'react'
import { defineScreen } from '../../app/screen-entry'

/** This provider's screen; its id and its name in the menu come from the provider's manifest (shared/providers/). Loaded when first opened (but Redeem, the first). */
export const screen = defineScreen({ id: 'payments', Screen: lazy(() => import('./PaymentsScreen').then((module) => ({ default: module.PaymentsScreen }))) })
