// "Referred by" on a contact's page: who sent them to us and whom they sent (links to both), and
// a picker to note (or clear) who sent them. Today then suggests a referral thank-you.
import type { ContactDetail, ContactSummary } from '../api/bindings';
import * as ipc from '../api/ipc';
import { el, replaceChildren } from '../shared/dom';
import { openDialog } from '../shared/dialog';
import { showError, toast } from '../shared/toast';
import { bookChanged } from '../shared/events';
import { href } from '../shared/router';
import { contactSearch } from './picker';

const personLink = (p: ContactSummary, testid: string) => el('a', { href: href({ name: 'contact', id: p.id }), testid, text: p.displayName || '(no name)' });

/** The card's lines: who sent them (or nobody noted), whom they sent, and the button to change it. */
export function referralLines(detail: ContactDetail, reload: () => Promise<void>): HTMLElement {
  const c = detail.contact;
  const change = el('button', {
    class: 'btn btn-small',
    type: 'button',
    testid: 'referrer-change',
    text: detail.referredBy ? 'Change…' : 'Who sent them?…',
    on: { click: () => void pickReferrer(detail, reload) },
  });
  return el(
    'div',
    { class: 'referral', testid: 'referral' },
    el(
      'p',
      { class: 'referral-line' },
      detail.referredBy
        ? ['Sent to us by ', personLink(detail.referredBy, 'referred-by')]
        : el('span', { class: 'muted', text: 'Nobody noted as having sent them.' }),
      ' ',
      change,
    ),
    detail.referred.length > 0 &&
      el(
        'p',
        { class: 'referral-line', testid: 'referred-list' },
        `${c.givenName || c.displayName} sent us `,
        ...detail.referred.flatMap((p, i) => [i ? ', ' : '', personLink(p, 'referred-person')]),
      ),
  );
}

/** Search for the customer who sent them; pick one, or clear it. */
function pickReferrer(detail: ContactDetail, reload: () => Promise<void>): void {
  const c = detail.contact;
  const dlg = openDialog({ title: `Who sent ${c.displayName || 'them'} to us?`, testid: 'referrer-dialog' });
  const { search, results } = contactSearch({
    testid: 'referrer',
    placeholder: 'Find them by name, email, phone…',
    archive: 'active',
    exclude: c.id,
    empty: 'No other customer matches.',
    onPick: (p) => void save(p.id, p.displayName),
  });
  async function save(referredBy: number | null, name: string) {
    try {
      await ipc.setReferrer(c.id, referredBy);
      dlg.close();
      toast(referredBy === null ? 'Cleared who sent them.' : `Noted: ${name} sent us ${c.displayName}. Today suggests a thank-you.`, {
        kind: 'success',
      });
      bookChanged();
      await reload();
    } catch (e) {
      showError(e);
    }
  }
  replaceChildren(dlg.body, search, results);
  dlg.footer.append(
    detail.referredBy ? el('button', { type: 'button', class: 'btn', testid: 'referrer-clear', text: 'Nobody', on: { click: () => void save(null, '') } }) : '',
    el('button', { type: 'button', class: 'btn', text: 'Cancel', on: { click: () => dlg.close() } }),
  );
  search.focus();
}
