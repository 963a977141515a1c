/**
 * A feature's words in every language: the English keys are the feature's, and every other
 * language must have a sentence for each of them (the type says so).
 */
export function defineMessages<const E extends Record<string, string>>(messages: { en: E; vi: { [K in keyof E]: string } }): { en: E; vi: { [K in keyof E]: string } } {
  return messages
}
