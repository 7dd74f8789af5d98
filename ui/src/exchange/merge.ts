// "Merge with…" on a contact page: find the other contact, compare the two side by side, pick
// the value to keep where they differ, and merge — the other contact's timeline comes along.
import type { Contact, ContactSummary } from '../api/bindings';
import * as ipc from '../api/ipc';
import { el, replaceChildren } from '../shared/dom';
import { openDialog } from '../shared/dialog';
import { showError, toast } from '../shared/toast';
import { compareContacts } from './compare';

/** Resolves true when the two were merged (into `keep`). */
export function openMergeDialog(keep: Contact): Promise<boolean> {
  return new Promise((resolve) => {
    let merged = false;
    const dlg = openDialog({ title: `Merge ${keep.displayName || '(no name)'} with…`, testid: 'merge-dialog', wide: true, onClose: () => resolve(merged) });
    const search = el('input', {
      type: 'search',
      class: 'input',
      placeholder: 'Find the other contact by name, email, phone…',
      testid: 'merge-search',
      attrs: { autocomplete: 'off' },
    });
    const results = el('ul', { class: 'pick-list', testid: 'merge-results' });
    const area = el('div', { class: 'merge-area' });
    let request = 0;
    search.addEventListener('input', async () => {
      const q = search.value.trim();
      const mine = ++request;
      if (!q) return replaceChildren(results);
      try {
        const found = await ipc.listContacts({ search: q, tag: null, sort: 'name', archive: 'all', offset: 0, limit: 8 });
        if (mine !== request) return;
        const others = found.rows.filter((r) => r.id !== keep.id);
        replaceChildren(results, ...(others.length ? others.map(resultItem) : [el('li', { class: 'muted', text: 'No other contact matches.' })]));
      } catch (e) {
        showError(e);
      }
    });
    const resultItem = (c: ContactSummary) =>
      el(
        'li',
        null,
        el(
          'button',
          { type: 'button', class: 'pick-item', testid: 'merge-result', on: { click: () => void compareWith(c.id) } },
          el('strong', { text: c.displayName || '(no name)' }),
          ' ',
          el('span', { class: 'muted', text: [c.company, c.email, c.phone].filter(Boolean).join(' · ') }),
        ),
      );
    replaceChildren(dlg.body, search, results, area);
    search.focus();

    const mergeBtn = el('button', { type: 'button', class: 'btn btn-primary', testid: 'merge-confirm', text: 'Merge', disabled: true });
    dlg.footer.append(el('button', { type: 'button', class: 'btn', text: 'Cancel', on: { click: () => dlg.close() } }), mergeBtn);

    async function compareWith(otherId: number) {
      try {
        const other = (await ipc.getContact(otherId)).contact;
        const comparison = compareContacts(keep, other, {
          mine: `${keep.displayName || 'This contact'} (kept)`,
          theirs: `${other.displayName || 'The other contact'} (merged in, then removed)`,
        });
        replaceChildren(results);
        search.value = other.displayName;
        replaceChildren(
          area,
          comparison.node,
          el('p', {
            class: 'muted small',
            text: `${other.displayName || 'The other contact'} is removed afterwards; their timeline moves here. This cannot be undone, but a backup is made every day.`,
          }),
        );
        mergeBtn.disabled = false;
        mergeBtn.onclick = async () => {
          mergeBtn.disabled = true;
          try {
            await ipc.mergeContacts(keep.id, other.id, comparison.picks());
            merged = true;
            toast(`Merged ${other.displayName} into ${keep.displayName}.`, { kind: 'success' });
            dlg.close();
          } catch (e) {
            mergeBtn.disabled = false;
            showError(e);
          }
        };
      } catch (e) {
        showError(e);
      }
    }
  });
}
