/**
 * The two IPC channels between the preload and the main process, with no schema library, so
 * that the sandboxed preload can bundle this file on its own. Which contract channel a call is
 * for travels inside: the main process checks it against the contract.
 */
export const RPC_CHANNEL = 'till:rpc'
export const EVENT_CHANNEL = 'till:event'

/** The shape of a contract channel or event name, such as `redeem:check`; the preload refuses anything else. */
export const CONTRACT_NAME = /^[a-z][a-zA-Z]{0,30}:[a-z][a-zA-Z]{0,40}$/
