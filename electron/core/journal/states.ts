export const journalStates = ['pending', 'sending', 'succeeded', 'rejected', 'unknown', 'needs_review'] as const
export type JournalState = (typeof journalStates)[number]

/**
 * Every move a journal row may make. `sending` whose lease ran out becomes `unknown`, never
 * `pending`: the request may have left before the crash. `unknown` is resolved by asking the
 * provider, never by sending blindly.
 */
export const transitions: Record<JournalState, readonly JournalState[]> = {
  pending: ['sending', 'needs_review'],
  sending: ['succeeded', 'rejected', 'unknown', 'pending', 'needs_review'],
  unknown: ['succeeded', 'rejected', 'unknown', 'pending', 'needs_review'],
  needs_review: ['succeeded', 'rejected', 'pending', 'unknown'],
  succeeded: [],
  rejected: []
}

export function canMove(from: JournalState, to: JournalState): boolean {
  return transitions[from].includes(to)
}
