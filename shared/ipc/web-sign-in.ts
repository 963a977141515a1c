/** The one-time sign-in address of the web host is `<host>/#sign-in=<code>`: a fragment never reaches a server log or a Referer. */
export const SIGN_IN_FRAGMENT = 'sign-in'
