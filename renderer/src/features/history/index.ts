import { lazy } from 'react'
import { defineScreen } from '../../app/screen-entry'

/** Loaded when first opened: the till starts with the Redeem screen only. */
export const historyScreen = defineScreen({ id: 'history', title: 'nav.history', Screen: lazy(() => import('./HistoryScreen').then((module) => ({ default: module.HistoryScreen }))) })
