// Plain rules of the gesture composer and the complaint loop, kept apart from the DOM so they
// can be tested on their own.
import type { ComplaintLoop, GestureKindInfo, GesturePhoto, Outcome } from '../api/bindings';

/** The picture choices the composer offers, by the value of its select. */
export const PHOTO_CHOICES: { value: string; label: string; photo: GesturePhoto }[] = [
  { value: 'default', label: 'Default photo (Settings)', photo: { kind: 'default' } },
  { value: 'staff', label: 'Who handled it (their portrait)', photo: { kind: 'staff' } },
  { value: 'team', label: 'The team', photo: { kind: 'team' } },
  { value: 'teamWhiteboard', label: 'The team, their name on the whiteboard', photo: { kind: 'teamWhiteboard' } },
  { value: 'none', label: 'No picture', photo: { kind: 'none' } },
];

export const OUTCOMES: { value: Outcome; label: string }[] = [
  { value: 'happy', label: 'Happy' },
  { value: 'neutral', label: 'Neutral' },
  { value: 'unhappy', label: 'Still unhappy' },
];

/** The kinds the composer offers: every kind but the welcome, which has its own composer. */
export function composerKinds(kinds: GestureKindInfo[]): GestureKindInfo[] {
  return kinds.filter((k) => k.kind !== 'welcome');
}

/**
 * The label a "gesture sent" entry shows: the note begins "<Label> sent (how): subject", so the
 * timeline says "Thank-you sent" rather than a generic word.
 */
export function gestureSentLabel(note: string): string | null {
  const m = /^(.+?) sent \(/.exec(note);
  return m ? `${m[1]} sent` : null;
}

/** Where a complaint's loop stands, in the owner's words, and the next step as one click. */
export function loopState(l: ComplaintLoop): { text: string; next: 'apologise' | 'putRight' | 'checkBack' | null } {
  switch (l.stage) {
    case 'open':
      return { text: 'Not apologised yet', next: 'apologise' };
    case 'apologised':
      return { text: `Apologised ${l.apologisedOn ?? ''}`.trim(), next: 'putRight' };
    case 'putRight':
      return { text: `Put right: ${l.whatWeDid}${l.putRightBy ? ` (by ${l.putRightBy})` : ''}`, next: 'checkBack' };
    case 'closed':
      return { text: `Checked back — ${l.outcome ?? 'done'}`, next: null };
  }
}

/** A customer this long counts as loyal: their complaint is the one that must not go wrong. */
export const LOYAL_AFTER_YEARS = 2;

/**
 * "a customer since 2019" when the customer has been one for at least [`LOYAL_AFTER_YEARS`]
 * full years on `today` (both `YYYY-MM-DD`); null otherwise or when it is not known.
 */
export function loyalSince(customerSince: string | null, today: string): string | null {
  if (!customerSince || !/^\d{4}-\d\d-\d\d$/.test(customerSince)) return null;
  const [y, m, d] = customerSince.split('-').map(Number);
  const [ty, tm, td] = today.split('-').map(Number);
  const years = ty - y - (tm < m || (tm === m && td < d) ? 1 : 0);
  return years >= LOYAL_AFTER_YEARS ? `a customer since ${y}` : null;
}

/** "2 complaints ended happy this quarter (of 3 closed)". */
export function quarterLine(happy: number, closed: number): string {
  const line = `${happy} ${happy === 1 ? 'complaint' : 'complaints'} ended happy this quarter`;
  return closed === 0 ? line : `${line} (of ${closed} closed)`;
}

/**
 * The `{fields}` a template uses that are not in `known`, as written (`{{` and `}}` are literal
 * braces). Only used to show the core's refusal next to the box that holds the culprit.
 */
export function unknownFields(template: string, known: string[]): string[] {
  const out: string[] = [];
  const re = /\{\{|\}\}|\{([A-Za-z0-9_]+)\}/g;
  for (let m = re.exec(template); m; m = re.exec(template)) {
    const name = m[1];
    if (name !== undefined && !known.includes(name) && !out.includes(`{${name}}`)) out.push(`{${name}}`);
  }
  return out;
}
