/** A refusal the service answers in words: an HTTP status, a code the page has sentences for, the English sentence, and the numbers a sentence needs. */
export class Refused extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly params: Record<string, string | number> = {}
  ) {
    super(message)
  }
}
