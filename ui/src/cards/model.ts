// Pure helpers for the Cards screen (unit-tested).
import type { Recipients, UpcomingOccasion } from '../api/bindings';

export type RecipientChoice = 'everyone' | 'tag' | 'picked' | 'birthdaysNextMonth';

/** The Recipients value sent to Rust for the choice in the form. */
export function recipientsFor(choice: RecipientChoice, tag: string, picked: number[]): Recipients {
  switch (choice) {
    case 'tag':
      return { type: 'tag', tag };
    case 'picked':
      return { type: 'picked', ids: picked };
    case 'birthdaysNextMonth':
      return { type: 'birthdaysNextMonth' };
    default:
      return { type: 'everyone' };
  }
}

/** Upcoming first (they arrive sorted), occasions without a next date last. */
export function occasionLabel(u: UpcomingOccasion): string {
  const when = u.next ? ` — ${u.next}${u.inDays !== null ? ` (in ${u.inDays} days)` : ''}` : '';
  return `${u.occasion.name}${when}`;
}

/** A file name for the batch: occasion and date. */
export function batchName(occasionId: string, today: string): string {
  return `${occasionId}-${today}`.replace(/[^a-z0-9-]/gi, '-');
}
