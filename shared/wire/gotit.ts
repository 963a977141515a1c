/** Where Got It's merchant API lives under its host (gotit.md, the OpenAPI spec's servers): a wire fact both the client and the simulator read. */
export const GOTIT_PATH_PREFIX = '/merchant/v6.0'
