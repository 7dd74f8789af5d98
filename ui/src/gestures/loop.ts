// The complaint loop's steps as small dialogs: "Put right…" asks what we did and who did it;
// "Checked back…" asks how they feel now. Each lands on the timeline; the toast offers Undo.
import type { LoopStep, Outcome } from '../api/bindings';
import * as ipc from '../api/ipc';
import { el, uid } from '../shared/dom';
import { openDialog } from '../shared/dialog';
import { bookChanged } from '../shared/events';
import { toastWithUndo } from '../shared/undoEntry';
import { OUTCOMES } from './model';

/** Asks for the step's details, takes it, and calls `onDone`; false when cancelled. */
export function takeLoopStep(complaintId: number, which: 'putRight' | 'checkBack', onDone: () => void): Promise<boolean> {
  return new Promise((resolve) => {
    let taken = false;
    const ids = { what: uid('loop-what'), by: uid('loop-by') };
    const what = el('textarea', { id: ids.what, class: 'input', rows: 2, testid: 'loop-what', placeholder: 'e.g. baked a new cake and brought it round' });
    const by = el('input', { id: ids.by, class: 'input', type: 'text', testid: 'loop-by', attrs: { autocomplete: 'off' } });
    const err = el('p', { class: 'field-error', hidden: true, testid: 'loop-error', attrs: { role: 'alert' } });
    const outcomes = el(
      'fieldset',
      { class: 'outcome-choice' },
      el('legend', { class: 'label', text: 'Are we good now? They are…' }),
      ...OUTCOMES.map((o, i) =>
        el(
          'label',
          { class: 'check' },
          el('input', { type: 'radio', name: 'loop-outcome', value: o.value, checked: i === 0, testid: `loop-outcome-${o.value}` }),
          ` ${o.label}`,
        ),
      ),
    );
    const form = el(
      'form',
      {
        class: 'stack',
        testid: 'loop-form',
        on: {
          submit: (e: Event) => {
            e.preventDefault();
            void submit();
          },
        },
      },
      which === 'putRight'
        ? el('div', { class: 'field' }, el('label', { class: 'label', htmlFor: ids.what, text: 'What we did to put it right' }), what)
        : outcomes,
      el('div', { class: 'field' }, el('label', { class: 'label', htmlFor: ids.by, text: which === 'putRight' ? 'Done by' : 'Checked back by' }), by),
      err,
    );
    const dlg = openDialog({
      title: which === 'putRight' ? 'Put it right' : 'Check back',
      testid: 'loop-dialog',
      content: [form],
      onClose: () => resolve(taken),
    });
    const confirm = el('button', { class: 'btn btn-primary', type: 'button', testid: 'loop-confirm', text: 'Save', on: { click: () => form.requestSubmit() } });
    dlg.footer.append(el('button', { class: 'btn', type: 'button', text: 'Cancel', on: { click: () => dlg.close() } }), confirm);
    (which === 'putRight' ? what : form.querySelector<HTMLInputElement>('input[type=radio]'))?.focus();

    async function submit() {
      let step: LoopStep;
      if (which === 'putRight') {
        if (!what.value.trim()) {
          err.textContent = 'Say what we did to put it right.';
          err.hidden = false;
          what.focus();
          return;
        }
        step = { step: 'putRight', what: what.value.trim(), by: by.value.trim() };
      } else {
        const outcome = (form.querySelector<HTMLInputElement>('input[name=loop-outcome]:checked')?.value ?? 'happy') as Outcome;
        step = { step: 'checkedBack', outcome, by: by.value.trim() };
      }
      confirm.disabled = true;
      try {
        const entry = await ipc.complaintStep(complaintId, step);
        taken = true;
        dlg.close();
        bookChanged();
        onDone();
        toastWithUndo(entry.note, entry.id, onDone);
      } catch (e) {
        const ae = ipc.toAppError(e);
        err.textContent = ae.fields.length ? ae.fields.map((f) => f.message).join(' ') : ae.message;
        err.hidden = false;
        confirm.disabled = false;
      }
    }
  });
}
