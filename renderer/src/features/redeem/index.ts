import { defineScreen } from '../../app/screen-entry'

import { RedeemScreen } from './RedeemScreen'

/** This provider's screen; its id and its name in the menu come from the provider's manifest (shared/providers/). */
export const screen = defineScreen({ id: 'redeem', Screen: RedeemScreen })
