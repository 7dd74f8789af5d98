// The goodwill ledger in the window: what we have given a customer beside what went wrong, on
// their page and in the apology composer (so the tone and the remedy fit the customer).
import type { Goodwill } from '../api/bindings';
import * as ipc from '../api/ipc';
import { el, replaceChildren } from '../shared/dom';
import { plural } from '../shared/dates';

/** "1 welcome · 4 cards · 2 gestures", or "nothing yet". */
export function givenLine(g: Goodwill): string {
  const gifts = g.gifts ? `${plural(g.gifts, 'gift')}${g.giftValueCents ? ` (${(g.giftValueCents / 100).toFixed(2)})` : ''}` : 0;
  const parts = [g.welcomes && plural(g.welcomes, 'welcome'), g.cards && plural(g.cards, 'card'), g.gestures && plural(g.gestures, 'gesture'), gifts].filter(
    (p): p is string => Boolean(p),
  );
  return parts.length ? parts.join(' · ') : 'nothing yet';
}

/** "1 open · 2 put right · a card came back", or "none". */
export function problemsLine(g: Goodwill): string {
  const parts = [
    g.openComplaints && `${plural(g.openComplaints, 'complaint')} open`,
    g.complaints - g.openComplaints && `${plural(g.complaints - g.openComplaints, 'complaint')} put right`,
    g.cardReturnedOn && 'a card came back',
  ].filter((p): p is string => Boolean(p));
  return parts.length ? parts.join(' · ') : 'none';
}

/** The contact page's card body: filled when the ledger comes. */
export function goodwillBox(contactId: number): HTMLElement {
  const box = el('div', { class: 'goodwill', testid: 'goodwill' }, el('p', { class: 'muted', text: 'Reading…' }));
  ipc.goodwill(contactId).then(
    (g) =>
      replaceChildren(
        box,
        el('p', { testid: 'goodwill-summary', text: g.summary }),
        el(
          'dl',
          { class: 'details' },
          el('dt', { text: 'We gave' }),
          el('dd', { testid: 'goodwill-given', text: givenLine(g) }),
          el('dt', { text: 'Problems' }),
          el('dd', { testid: 'goodwill-problems', text: problemsLine(g) }),
        ),
      ),
    (e) => replaceChildren(box, el('p', { class: 'field-error', text: ipc.toAppError(e).message })),
  );
  return box;
}
