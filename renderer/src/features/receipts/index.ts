import { lazy } from 'react'
import { defineScreen } from '../../app/screen-entry'

/** Loaded when first opened: the till starts with the Redeem screen only. */
export const receiptsScreen = defineScreen({ id: 'receipts', title: 'nav.receipts', Screen: lazy(() => import('./ReceiptsScreen').then((module) => ({ default: module.ReceiptsScreen }))) })
