import { lazy } from 'react'
import { defineScreen } from '../../app/screen-entry'

/** Loaded when first opened: the till starts with the Redeem screen only. */
export const settingsScreen = defineScreen({ id: 'settings', title: 'nav.settings', Screen: lazy(() => import('./SettingsScreen').then((module) => ({ default: module.SettingsScreen }))) })
