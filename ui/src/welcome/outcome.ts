// What the composer says once a welcome is saved or printed (kept apart so it can be tested).
import type { CardFormat } from '../api/bindings';

export type Delivered = { kind: 'draft' | 'card'; path: string };

/** The card sizes offered for a printed welcome, the first the default. */
export const CARD_FORMATS: { id: CardFormat; label: string }[] = [
  { id: 'folded-a4', label: 'A4 sheet, folded to A6' },
  { id: 'folded-letter', label: 'Letter sheet, folded' },
  { id: 'a6', label: 'A6 card (105 × 148 mm)' },
  { id: '5x7', label: '5 × 7 in card' },
  { id: '4x6', label: '4 × 6 in postcard' },
];

export function deliveredHeadline(d: Delivered): string {
  return d.kind === 'draft' ? 'Draft saved and marked as welcomed.' : 'Card printed to PDF and marked as welcomed.';
}

/** The line under the headline: what happens next, or why the file did not open. */
export function openedLine(d: Delivered, openError: string | null): string {
  if (openError === null) {
    return d.kind === 'draft'
      ? 'It opens in your mail program: check it and press Send there.'
      : 'It opens in your PDF viewer: print it, sign it and hand it over or post it.';
  }
  // The message from the core already names the program and the file.
  return openError;
}

export function undoneLine(d: Delivered): string {
  return `No longer marked as welcomed. The ${d.kind === 'draft' ? 'draft' : 'card'} stays at ${d.path}.`;
}
