/** Where Got It's merchant API lives under its host (docs/providers/gotit.md §1): a wire fact both the client and the simulator read. */
export const GOTIT_PATH_PREFIX = '/merchant/v6.0'
