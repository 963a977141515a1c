import { defineScreen } from '../../app/screen-entry'
import { RedeemScreen } from './RedeemScreen'

export const redeemScreen = defineScreen({ id: 'redeem', title: 'nav.redeem', Screen: RedeemScreen })
