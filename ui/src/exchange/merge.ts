// "Merge with…" on a contact page: find the other contact, compare the two side by side, pick
// the value to keep where they differ, and merge — the other contact's timeline comes along.
import type { Contact } from '../api/bindings';
import * as ipc from '../api/ipc';
import { el, replaceChildren } from '../shared/dom';
import { openDialog } from '../shared/dialog';
import { showError, toast } from '../shared/toast';
import { compareContacts } from './compare';
import { contactSearch } from '../contacts/picker';

/** Resolves true when the two were merged (into `keep`). */
export function openMergeDialog(keep: Contact): Promise<boolean> {
  return new Promise((resolve) => {
    let merged = false;
    const dlg = openDialog({ title: `Merge ${keep.displayName || '(no name)'} with…`, testid: 'merge-dialog', wide: true, onClose: () => resolve(merged) });
    const { search, results } = contactSearch({
      testid: 'merge',
      placeholder: 'Find the other contact by name, email, phone…',
      archive: 'all',
      exclude: keep.id,
      empty: 'No other contact matches.',
      onPick: (c) => void compareWith(c.id),
    });
    const area = el('div', { class: 'merge-area' });
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
