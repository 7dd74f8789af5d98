// Two people edited one customer at once and changed the same field differently: the owner
// settles each such field (keep theirs / keep mine). What only one of them changed was already
// merged by the core; nothing is overwritten without being asked.
import type { ContactInput, EditConflict } from '../api/bindings';
import { el } from '../shared/dom';
import { openDialog } from '../shared/dialog';
import { relativeMoment } from '../shared/dates';

export type Choice = 'theirs' | 'mine';

/** The edit to save once each conflicting field is settled: the merged edit, with theirs where chosen. */
export function settledInput(conflict: EditConflict, choices: Map<string, Choice>): ContactInput {
  const input: Record<string, unknown> = { ...conflict.merged };
  const theirs = conflict.theirs as unknown as Record<string, unknown>;
  for (const f of conflict.fields) {
    if (choices.get(f.field) === 'theirs') input[f.field] = theirs[f.field];
  }
  return input as unknown as ContactInput;
}

/** "Maja changed talking points 2 minutes ago" (or "Someone else changed …"). */
export function conflictLead(conflict: EditConflict, now: number = Date.now()): string {
  const who = conflict.lastChange?.by ?? 'Someone else';
  const what = conflict.fields.map((f) => f.label);
  const list = what.length <= 1 ? what.join('') : `${what.slice(0, -1).join(', ')} and ${what[what.length - 1]}`;
  const when = conflict.lastChange ? ` ${relativeMoment(conflict.lastChange.at, now)}` : ' while you were editing';
  return `${who} changed ${list}${when}. Choose which to keep for each; everything else you and they changed is kept.`;
}

/**
 * Asks which value to keep for each field both changed; resolves with the edit to save, or null
 * when the owner goes back to the form.
 */
export function settleConflict(conflict: EditConflict): Promise<ContactInput | null> {
  return new Promise((resolve) => {
    const choices = new Map<string, Choice>();
    let settled: ContactInput | null = null;
    const dlg = openDialog({ title: 'Changed by someone else meanwhile', testid: 'conflict-dialog', wide: true, onClose: () => resolve(settled) });
    const save = el('button', { class: 'btn btn-primary', type: 'button', testid: 'conflict-save', text: 'Save', disabled: true });
    const update = () => {
      save.disabled = conflict.fields.some((f) => !choices.has(f.field));
    };
    const groups = conflict.fields.map((f) =>
      el(
        'fieldset',
        { class: 'conflict-field', testid: 'conflict-field', attrs: { 'data-field': f.field } },
        el('legend', { class: 'label', text: f.label.charAt(0).toUpperCase() + f.label.slice(1) }),
        ...(['theirs', 'mine'] as const).map((side) =>
          el(
            'label',
            { class: 'check conflict-choice' },
            el('input', {
              type: 'radio',
              name: `conflict-${f.field}`,
              value: side,
              testid: `conflict-${side}`,
              on: {
                change: () => {
                  choices.set(f.field, side);
                  update();
                },
              },
            }),
            el('span', { class: 'conflict-side', text: side === 'theirs' ? 'Keep theirs:' : 'Keep mine:' }),
            el('span', { class: 'conflict-value', text: side === 'theirs' ? f.theirs : f.mine }),
          ),
        ),
      ),
    );
    dlg.body.append(el('p', { class: 'conflict-lead', testid: 'conflict-lead', text: conflictLead(conflict) }), ...groups);
    save.addEventListener('click', () => {
      settled = settledInput(conflict, choices);
      dlg.close();
    });
    dlg.footer.append(el('button', { class: 'btn', type: 'button', text: 'Back to the form', on: { click: () => dlg.close() } }), save);
    dlg.root.querySelector<HTMLInputElement>('input[type=radio]')?.focus();
  });
}
