// Follow-ups in the window: on a contact's page (add one, see those open, mark one done, move or
// remove it) and on Today (those due and overdue, each done in one click with Undo).
import type { DueFollowUp, FollowUp, TodayView } from '../api/bindings';
import * as ipc from '../api/ipc';
import { el, icon, replaceChildren, uid } from '../shared/dom';
import { section } from '../shared/section';
import { showError, toast } from '../shared/toast';
import { bookChanged } from '../shared/events';
import { toastWithUndo } from '../shared/undoEntry';
import { href } from '../shared/router';
import { todayIso } from '../shared/dates';
import { addDays, dueLabel } from './model';

/**
 * Marks a follow-up done: a call is logged on the timeline with the follow-up's words. The toast
 * offers Undo, which removes that entry and so opens the follow-up again.
 */
async function markDone(f: FollowUp, name: string, reload: () => Promise<void>): Promise<void> {
  const logged = await ipc.completeFollowUp(f.id, { kind: null, happenedOn: null, note: null, handledBy: null });
  toastWithUndo(`Done: logged a call with ${name}.`, logged.id, reload);
  bookChanged();
  await reload();
}

function doneButton(f: FollowUp, name: string, reload: () => Promise<void>): HTMLButtonElement {
  const btn = el('button', { class: 'btn btn-small', type: 'button', testid: 'follow-up-done' }, icon('check', 14), 'Done');
  btn.title = 'Logs a call with the follow-up’s words; Undo takes it back';
  btn.addEventListener('click', async () => {
    btn.disabled = true;
    try {
      await markDone(f, name, reload);
    } catch (e) {
      btn.disabled = false;
      showError(e);
    }
  });
  return btn;
}

/** Today's list: follow-ups due today or overdue, soonest first. */
export function dueFollowUpsSection(v: TodayView, reload: () => Promise<void>): HTMLElement {
  const items = v.followUps.map((d: DueFollowUp) => {
    const when = dueLabel(d.followUp.dueOn, v.date);
    return el(
      'li',
      { class: 'item item-stacked', testid: 'follow-up-item' },
      el(
        'div',
        { class: 'item-main' },
        el('a', { class: 'person-link', href: href({ name: 'contact', id: d.contact.id }), testid: 'person-link', text: d.contact.displayName || '(no name)' }),
        el('span', { class: 'item-note', testid: 'follow-up-note', text: d.followUp.note }),
        el(
          'div',
          { class: 'item-meta' },
          el('span', { class: `pill${when.overdue ? ' pill-warn' : ' pill-accent'}`, testid: 'follow-up-when', text: when.text }),
          d.followUp.assignedTo && el('span', { text: `for ${d.followUp.assignedTo}` }),
        ),
      ),
      doneButton(d.followUp, d.contact.displayName, reload),
    );
  });
  return section(
    {
      title: 'Follow-ups due',
      icon: 'clock',
      testid: 'today-follow-ups',
      count: v.followUpCount,
      shown: items.length,
      empty: 'No follow-ups due. Add one from a customer’s page.',
    },
    items,
  );
}

/** The contact page's card: open follow-ups (soonest first), the last few done, and "Add a follow-up". */
export function followUpsCard(contactId: number, name: string, followUps: FollowUp[], reload: () => Promise<void>): HTMLElement {
  const today = todayIso();
  const area = el('div', { class: 'follow-up-area' });
  const open = followUps.filter((f) => f.doneByTouchpoint === null);
  const done = followUps.filter((f) => f.doneByTouchpoint !== null);
  const addBtn = el('button', { class: 'btn btn-small', type: 'button', testid: 'follow-up-add' }, icon('plus', 14), 'Add a follow-up');
  addBtn.addEventListener('click', () => openForm());

  const row = (f: FollowUp): HTMLElement => {
    const when = dueLabel(f.dueOn, today);
    const isOpen = f.doneByTouchpoint === null;
    return el(
      'li',
      { class: `follow-up${isOpen ? '' : ' follow-up-done'}`, testid: 'follow-up', attrs: { 'data-id': f.id } },
      el(
        'div',
        { class: 'follow-up-body' },
        el('span', { class: 'follow-up-note', testid: 'follow-up-note', text: f.note }),
        el(
          'span',
          { class: 'follow-up-meta' },
          isOpen
            ? el('span', { class: `pill${when.overdue ? ' pill-warn' : when.due ? ' pill-accent' : ''}`, testid: 'follow-up-when', text: when.text })
            : el('span', { class: 'pill pill-ok', text: 'done' }),
          f.assignedTo && el('span', { class: 'muted', text: `for ${f.assignedTo}` }),
        ),
      ),
      isOpen &&
        el(
          'div',
          { class: 'follow-up-actions' },
          doneButton(f, name, reload),
          el('button', {
            class: 'btn btn-small',
            type: 'button',
            testid: 'follow-up-move',
            text: 'Move…',
            on: { click: () => openForm(f) },
          }),
          el(
            'button',
            {
              class: 'icon-btn',
              type: 'button',
              testid: 'follow-up-remove',
              attrs: { 'aria-label': 'Remove this follow-up', title: 'Remove (no longer needed)' },
              on: { click: () => void remove(f) },
            },
            icon('trash', 15),
          ),
        ),
    );
  };

  async function remove(f: FollowUp) {
    try {
      const gone = await ipc.deleteFollowUp(f.id);
      toast('Follow-up removed.', {
        kind: 'success',
        action: {
          label: 'Undo',
          run: async () => {
            try {
              await ipc.addFollowUp(contactId, { dueOn: gone.dueOn, note: gone.note, assignedTo: gone.assignedTo });
              bookChanged();
              await reload();
            } catch (e) {
              showError(e);
            }
          },
        },
      });
      bookChanged();
      await reload();
    } catch (e) {
      showError(e);
    }
  }

  function list(): HTMLElement {
    if (followUps.length === 0)
      return el('p', {
        class: 'muted',
        testid: 'follow-ups-empty',
        text: 'Promised to call back, or to ask how it went? Add a follow-up and Today reminds you on the day.',
      });
    return el('ul', { class: 'follow-up-list', testid: 'follow-up-list' }, ...open.map(row), ...done.map(row));
  }

  /** The form to add a follow-up, or to move `editing` to another day (its words and person can change too). */
  function openForm(editing?: FollowUp) {
    const noteId = uid('fu-note');
    const dateId = uid('fu-date');
    const staffId = uid('fu-staff');
    const note = el('textarea', { id: noteId, class: 'input', rows: 2, testid: 'follow-up-note-input', placeholder: 'e.g. Call back about the cake order' });
    note.value = editing?.note ?? '';
    const date = el('input', { id: dateId, class: 'input', type: 'date', testid: 'follow-up-date', value: editing?.dueOn ?? addDays(today, 1) });
    const staff = el('select', { id: staffId, class: 'input', testid: 'follow-up-staff' }, el('option', { value: '', text: 'Anyone' }));
    const staffField = el('div', { class: 'field', hidden: true }, el('label', { class: 'label', htmlFor: staffId, text: 'For' }), staff);
    void ipc
      .listStaff()
      .then((members) => {
        const names = members.filter((m) => m.active || m.name === editing?.assignedTo).map((m) => m.name);
        for (const n of names) staff.append(el('option', { value: n, text: n }));
        staff.value = editing?.assignedTo ?? '';
        staffField.hidden = names.length === 0;
      })
      .catch(() => {});
    const quick = (label: string, days: number) =>
      el('button', { class: 'btn btn-small', type: 'button', text: label, on: { click: () => (date.value = addDays(today, days)) } });
    const err = el('p', { class: 'field-error', hidden: true, testid: 'follow-up-error' });
    const save = el('button', { class: 'btn btn-primary', type: 'submit', testid: 'follow-up-save', text: editing ? 'Save' : 'Add follow-up' });
    const close = () => replaceChildren(area, addBtn);
    const form = el(
      'form',
      {
        class: 'log-form',
        testid: 'follow-up-form',
        on: {
          submit: (e: Event) => {
            e.preventDefault();
            void submit();
          },
        },
      },
      el('div', { class: 'field' }, el('label', { class: 'label', htmlFor: noteId, text: 'What to follow up on' }), note),
      el(
        'div',
        { class: 'log-form-row' },
        el('div', { class: 'field' }, el('label', { class: 'label', htmlFor: dateId, text: 'When' }), date),
        el('div', { class: 'quick-days' }, quick('Tomorrow', 1), quick('In a week', 7)),
        staffField,
        el(
          'div',
          { class: 'log-form-buttons' },
          el('button', { class: 'btn', type: 'button', text: 'Cancel', testid: 'follow-up-cancel', on: { click: close } }),
          save,
        ),
      ),
      err,
    );
    form.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        close();
      }
    });
    replaceChildren(area, form);
    note.focus();

    async function submit() {
      save.disabled = true;
      err.hidden = true;
      const input = { dueOn: date.value, note: note.value, assignedTo: staff.value };
      try {
        if (editing) await ipc.changeFollowUp(editing.id, input);
        else await ipc.addFollowUp(contactId, input);
        toast(editing ? 'Follow-up moved.' : `Follow-up added for ${dueLabel(input.dueOn, today).text.replace(/^due /, '')}.`, { kind: 'success' });
        bookChanged();
        await reload();
      } catch (e) {
        const ae = ipc.toAppError(e);
        if (ae.code === 'invalid') {
          err.textContent = ae.fields.length ? ae.fields.map((f) => f.message).join(' ') : ae.message;
          err.hidden = false;
        } else showError(ae);
        save.disabled = false;
      }
    }
  }

  replaceChildren(area, addBtn);
  return el(
    'section',
    { class: 'card', testid: 'follow-ups' },
    el(
      'header',
      { class: 'card-head-row' },
      el('h2', { class: 'card-title', text: 'Follow-ups' }),
      open.length > 0 && el('span', { class: 'section-count', testid: 'follow-ups-open', text: `${open.length} open` }),
    ),
    list(),
    area,
  );
}
