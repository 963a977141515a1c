import { lazy } from 'react'
import { defineScreen } from '../../app/screen-entry'

/** Loaded when first opened: the till starts with the Redeem screen only. */
export const paymentsScreen = defineScreen({ id: 'payments', title: 'nav.payments', Screen: lazy(() => import('./PaymentsScreen').then((module) => ({ default: module.PaymentsScreen }))) })
