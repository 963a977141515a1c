/** A feature's words in every language: the till and the back office's page share how (shared/i18n.ts). */
export { defineMessages } from '../../../shared/i18n'
