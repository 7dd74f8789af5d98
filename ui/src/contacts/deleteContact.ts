// Deleting a contact: asked twice (archiving offered first), then Undo for the session.
import type { Contact } from '../api/bindings';
import * as ipc from '../api/ipc';
import { el, replaceChildren } from '../shared/dom';
import { openDialog } from '../shared/dialog';
import { showError, toast } from '../shared/toast';
import { bookChanged } from '../shared/events';
import { navigate } from '../shared/router';

/** Delete asks twice, then offers Undo for the session. */
export function confirmDelete(c: Contact): void {
  const dlg = openDialog({ title: `Delete ${c.displayName}?`, testid: 'delete-dialog' });
  const step1 = () => {
    replaceChildren(
      dlg.body,
      el('p', { text: `Archiving keeps ${c.displayName} and their history out of the way but safe. Deleting removes them and their whole timeline.` }),
    );
    const next = el('button', { class: 'btn btn-danger', type: 'button', text: 'Delete…', testid: 'delete-step1', on: { click: step2 } });
    replaceChildren(
      dlg.footer,
      el('button', { class: 'btn', type: 'button', text: 'Keep', on: { click: () => dlg.close() } }),
      el('button', {
        class: 'btn',
        type: 'button',
        text: 'Archive instead',
        on: {
          click: async () => {
            dlg.close();
            try {
              await ipc.setArchived([c.id], true);
              toast(`Archived ${c.displayName}`, { kind: 'success' });
              bookChanged();
              navigate({ name: 'contact', id: c.id });
            } catch (e) {
              showError(e);
            }
          },
        },
      }),
      next,
    );
    next.focus();
  };
  const step2 = () => {
    dlg.setTitle('Delete for good?');
    replaceChildren(dlg.body, el('p', { class: 'danger-text', text: `${c.displayName} and every call, purchase and note on their timeline will be removed.` }));
    const really = el('button', {
      class: 'btn btn-danger',
      type: 'button',
      text: 'Delete for good',
      testid: 'delete-confirm',
      on: {
        click: async () => {
          really.disabled = true;
          try {
            const name = await ipc.deleteContact(c.id);
            dlg.close();
            bookChanged();
            navigate({ name: 'contacts' });
            toast(`Deleted ${name}`, {
              action: {
                label: 'Undo',
                run: async () => {
                  try {
                    const d = await ipc.undoDelete(c.id);
                    bookChanged();
                    navigate({ name: 'contact', id: d.contact.id });
                    toast(`Restored ${d.contact.displayName}`, { kind: 'success' });
                  } catch (e) {
                    showError(e);
                  }
                },
              },
              timeoutMs: 12000,
            });
          } catch (e) {
            really.disabled = false;
            showError(e);
          }
        },
      },
    });
    replaceChildren(dlg.footer, el('button', { class: 'btn', type: 'button', text: 'Cancel', on: { click: () => dlg.close() } }), really);
    really.focus();
  };
  step1();
}
