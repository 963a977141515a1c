import { defineScreen } from '../../app/screen-entry'
import { GiftCardsScreen } from './GiftCardsScreen'

export const giftCardsScreen = defineScreen({ id: 'giftCards', title: 'gift.title', Screen: GiftCardsScreen })
