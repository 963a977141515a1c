import { RedeemScreen } from './RedeemScreen'

/** This provider's screen (its id and its name in the menu are its manifest's, shared/providers/). */
export const Screen = RedeemScreen
