// "Gift or voucher…" on a contact's page: what it was, its value and the occasion, logged as a
// gift on the timeline (with Undo), counted in the goodwill ledger.
import * as ipc from '../api/ipc';
import { el, uid } from '../shared/dom';
import { openDialog } from '../shared/dialog';
import { bookChanged } from '../shared/events';
import { toastWithUndo } from '../shared/undoEntry';
import { todayIso } from '../shared/dates';
import { centsOf } from './money';

export function openGiftDialog(contactId: number, name: string, onDone: () => void): void {
  const dlg = openDialog({ title: `A gift for ${name}`, testid: 'gift-dialog' });
  const ids = { what: uid('gift-what'), value: uid('gift-value'), occasion: uid('gift-occasion'), date: uid('gift-date') };
  const what = el('input', { id: ids.what, class: 'input', testid: 'gift-what', placeholder: 'A bunch of tulips, a coffee voucher…' });
  const value = el('input', { id: ids.value, class: 'input', testid: 'gift-value', attrs: { inputmode: 'decimal' }, placeholder: '12.50' });
  const occasion = el('input', { id: ids.occasion, class: 'input', testid: 'gift-occasion', placeholder: 'Birthday, sorry for the wait…' });
  const date = el('input', { id: ids.date, class: 'input', type: 'date', testid: 'gift-date', value: todayIso() });
  const error = el('p', { class: 'field-error', testid: 'gift-error' });
  const field = (id: string, label: string, input: HTMLElement) =>
    el('div', { class: 'field' }, el('label', { class: 'label', htmlFor: id, text: label }), input);
  dlg.body.append(
    field(ids.what, 'What it was', what),
    el('div', { class: 'log-form-row' }, field(ids.value, 'Value (optional)', value), field(ids.date, 'Given on', date)),
    field(ids.occasion, 'Occasion (optional)', occasion),
    error,
  );
  const save = el('button', { type: 'button', class: 'btn btn-primary', testid: 'gift-save', text: 'Log the gift' });
  save.addEventListener('click', async () => {
    error.textContent = '';
    const cents = centsOf(value.value);
    if (cents === undefined) {
      error.textContent = 'Write the value as 12 or 12.50, or leave it empty.';
      return;
    }
    save.disabled = true;
    try {
      const logged = await ipc.giveGift(contactId, { what: what.value, valueCents: cents, occasion: occasion.value, givenOn: date.value || null });
      dlg.close();
      toastWithUndo(`Logged the gift for ${name}.`, logged.id, onDone);
      bookChanged();
      onDone();
    } catch (e) {
      const ae = ipc.toAppError(e);
      error.textContent = ae.fields.length ? ae.fields.map((f) => f.message).join(' ') : ae.message;
      save.disabled = false;
    }
  });
  dlg.footer.append(el('button', { type: 'button', class: 'btn', text: 'Cancel', on: { click: () => dlg.close() } }), save);
  what.focus();
}
