import { lazy } from 'react'
import { defineScreen } from '../../app/screen-entry'

/** Loaded when first opened: the till starts with the Redeem screen only. */
export const giftCardsScreen = defineScreen({ id: 'giftCards', title: 'gift.title', Screen: lazy(() => import('./GiftCardsScreen').then((module) => ({ default: module.GiftCardsScreen }))) })
