// Settings › Gesture templates: each kind's subject and text, saved per kind; a built-in kind can
// go back to its default words, and the owner can add kinds of their own. The welcome keeps its
// own settings above, so it is not repeated here.
import type { GestureKindInfo } from '../api/bindings';
import * as ipc from '../api/ipc';
import { el, replaceChildren, uid } from '../shared/dom';
import { showError, toast } from '../shared/toast';
import { composerKinds, unknownFields } from './model';

export function gestureTemplatesSection(): HTMLElement {
  const list = el('div', { class: 'gesture-templates' });
  const section = el(
    'section',
    { class: 'card settings-form', testid: 'gesture-templates', attrs: { 'aria-labelledby': 'gesture-templates-title' } },
    el('h2', { class: 'card-title', id: 'gesture-templates-title', text: 'Gesture templates' }),
    el('p', { class: 'hint', text: 'The words each kind of gesture starts from. The composer fills the {fields} for each customer.' }),
    list,
  );
  const reload = (): void => {
    ipc.gestureKinds().then(
      (kinds) => {
        if (!section.isConnected && list.childElementCount > 0) return;
        replaceChildren(list, ...composerKinds(kinds).map((k) => kindForm(k, reload)), addForm(kinds, reload));
      },
      (e) => {
        replaceChildren(list, el('p', { class: 'error-text', text: showError(e).message }));
      },
    );
  };
  reload();
  return section;
}

/** A labelled box with its problem line under it. */
function boxed(label: string, input: HTMLInputElement | HTMLTextAreaElement): { field: HTMLElement; problem: HTMLElement } {
  const id = uid('gt');
  const problemId = `${id}-problem`;
  input.id = id;
  input.setAttribute('aria-describedby', problemId);
  const problem = el('p', { class: 'field-error', id: problemId, attrs: { role: 'alert' } });
  const field = el('div', { class: 'field' }, el('label', { class: 'label', attrs: { for: id }, text: label }), input, problem);
  return { field, problem };
}

/** Shows a refusal next to the box it is about: the core names the field for plain mistakes;
 *  for unknown merge fields, the box that holds one. */
function showProblem(e: unknown, boxes: { name: string; value: string; problem: HTMLElement; input: HTMLElement }[], known: string[]): void {
  // Shown beside the box it is about, not again as a toast that would cover the form.
  const err = ipc.toAppError(e);
  const named = err.fields[0];
  const target = (named && boxes.find((b) => b.name === named.field)) || boxes.find((b) => unknownFields(b.value, known).length > 0) || boxes[boxes.length - 1];
  if (!target) {
    showError(e);
    return;
  }
  target.problem.textContent = named?.message ?? err.message;
  target.input.setAttribute('aria-invalid', 'true');
}

function clearProblems(boxes: { problem: HTMLElement; input: HTMLElement }[]): void {
  for (const b of boxes) {
    b.problem.textContent = '';
    b.input.removeAttribute('aria-invalid');
  }
}

function fieldsAside(fields: string[]): HTMLElement {
  return el(
    'aside',
    { class: 'merge-fields', attrs: { 'aria-label': 'Merge fields you can use' } },
    el('p', { class: 'form-section-title', text: 'Merge fields' }),
    el('ul', { class: 'merge-field-list' }, ...fields.map((f) => el('li', null, el('code', { text: `{${f}}` })))),
  );
}

function kindForm(k: GestureKindInfo, reload: () => void): HTMLElement {
  const subject = el('input', { class: 'input', value: k.subject, testid: `gesture-subject-${k.kind}` });
  const body = el('textarea', { class: 'input', rows: 11, value: k.body, testid: `gesture-body-${k.kind}` });
  const s = boxed('Subject', subject);
  const b = boxed('Text', body);
  const boxes = () => [
    { name: 'subject', value: subject.value, problem: s.problem, input: subject },
    { name: 'body', value: body.value, problem: b.problem, input: body },
  ];
  const save = el('button', { class: 'btn btn-primary btn-small', type: 'submit', text: 'Save', testid: `gesture-save-${k.kind}` });
  const reset = k.builtin
    ? el('button', {
        class: 'btn btn-small',
        type: 'button',
        text: 'Back to the default words',
        disabled: !k.customized,
        testid: `gesture-reset-${k.kind}`,
      })
    : el('button', { class: 'btn btn-danger-ghost btn-small', type: 'button', text: 'Remove this kind', testid: `gesture-reset-${k.kind}` });
  reset.setAttribute('aria-label', k.builtin ? `Put the ${k.label} back to the default words` : `Remove the kind ${k.label}`);
  save.setAttribute('aria-label', `Save the ${k.label} template`);
  const headingId = uid('gk');
  const form = el(
    'form',
    { class: 'gesture-kind', testid: `gesture-kind-${k.kind}`, attrs: { 'aria-labelledby': headingId } },
    el(
      'h3',
      { class: 'gesture-kind-title', id: headingId, text: k.label },
      k.customized && k.builtin ? el('span', { class: 'hint', text: ' · your words' }) : null,
    ),
    s.field,
    el('div', { class: 'gesture-body-row' }, b.field, fieldsAside(k.fields)),
    el('div', { class: 'row-inline' }, save, reset),
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearProblems(boxes());
    save.disabled = true;
    try {
      await ipc.setGestureTemplate(k.kind, subject.value, body.value);
      toast(`${k.label} template saved.`, { kind: 'success' });
      reload();
    } catch (e) {
      showProblem(e, boxes(), k.fields);
    } finally {
      save.disabled = false;
    }
  });
  reset.addEventListener('click', async () => {
    try {
      await ipc.resetGestureKind(k.kind);
      toast(k.builtin ? `${k.label}: back to the default words.` : `${k.label} removed.`, { kind: 'success' });
      reload();
    } catch (e) {
      showError(e);
    }
  });
  return form;
}

function addForm(kinds: GestureKindInfo[], reload: () => void): HTMLElement {
  // An own kind may use every field; the list is the one the core gives own kinds.
  const own = kinds.find((k) => !k.builtin);
  const known = own?.fields ?? [...new Set(kinds.flatMap((k) => k.fields))].sort();
  const label = el('input', { class: 'input', placeholder: 'e.g. Get well soon', testid: 'gesture-new-label' });
  const subject = el('input', { class: 'input', testid: 'gesture-new-subject' });
  const body = el('textarea', { class: 'input', rows: 6, testid: 'gesture-new-body' });
  const l = boxed('Name of the kind', label);
  const s = boxed('Subject', subject);
  const b = boxed('Text', body);
  const boxes = () => [
    { name: 'label', value: label.value, problem: l.problem, input: label },
    { name: 'subject', value: subject.value, problem: s.problem, input: subject },
    { name: 'body', value: body.value, problem: b.problem, input: body },
  ];
  const add = el('button', { class: 'btn btn-primary btn-small', type: 'submit', text: 'Add this kind', testid: 'gesture-new-add' });
  const form = el(
    'form',
    { class: 'gesture-kind', testid: 'gesture-new', attrs: { 'aria-labelledby': 'gesture-new-title' } },
    el('h3', { class: 'gesture-kind-title', id: 'gesture-new-title', text: 'Add a kind of your own' }),
    l.field,
    s.field,
    el('div', { class: 'gesture-body-row' }, b.field, fieldsAside(known)),
    el('div', { class: 'row-inline' }, add),
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearProblems(boxes());
    add.disabled = true;
    try {
      const made = await ipc.addGestureKind(label.value, subject.value, body.value);
      toast(`${made.label} added; the composer offers it now.`, { kind: 'success' });
      reload();
    } catch (e) {
      showProblem(e, boxes(), known);
    } finally {
      add.disabled = false;
    }
  });
  return form;
}
