import { lazy } from 'react'
import { defineScreen } from '../../app/screen-entry'

/** Loaded when first opened: the till starts with the Redeem screen only. */
export const queueScreen = defineScreen({ id: 'queue', title: 'nav.queue', Screen: lazy(() => import('./QueueScreen').then((module) => ({ default: module.QueueScreen }))) })
