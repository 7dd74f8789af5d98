// House answers: the shop's agreed answers and promises (opening hours, allergens, returns,
// delivery). The owner keeps them in Settings; they are shown beside the touchpoint log and the
// composer, where "Use" puts one into what is being written, so everyone answers the same way.
import type { HouseAnswer } from '../api/bindings';
import * as ipc from '../api/ipc';
import { el, replaceChildren, uid } from '../shared/dom';
import { showError, toast } from '../shared/toast';

/** The answers beside a form: each with "Use". Folded away until opened; remembers nothing. */
export function houseAnswersPanel(opts: { testid: string; onUse: (answer: HouseAnswer) => void }): HTMLElement {
  const list = el('ul', { class: 'house-answers-list' });
  const summary = el('summary', { class: 'house-answers-summary', text: 'House answers' });
  const panel = el('details', { class: 'house-answers', testid: opts.testid }, summary, list);
  ipc.houseAnswers().then(
    (answers) => {
      summary.textContent = answers.length ? `House answers (${answers.length})` : 'House answers';
      if (answers.length === 0) {
        list.append(
          el('li', {
            class: 'muted small',
            text: 'None yet. The shop’s agreed answers (opening hours, allergens, returns) are kept in Settings › House answers.',
          }),
        );
        return;
      }
      list.append(
        ...answers.map((a) =>
          el(
            'li',
            { class: 'house-answer', testid: 'house-answer' },
            el(
              'div',
              { class: 'house-answer-head' },
              el('span', { class: 'house-answer-topic', text: a.topic }),
              a.isPromise && el('span', { class: 'chip', text: 'Promise' }),
              el('button', {
                class: 'btn btn-small',
                type: 'button',
                testid: 'house-answer-use',
                text: 'Use',
                attrs: { 'aria-label': `Use the house answer “${a.topic}”` },
                on: { click: () => opts.onUse(a) },
              }),
            ),
            el('p', { class: 'house-answer-text', text: a.answer }),
          ),
        ),
      );
    },
    (e) => list.append(el('li', { class: 'error-text', text: ipc.toAppError(e).message })),
  );
  return panel;
}

/** Puts `text` into a box where the cursor is (or at the end), on a line of its own. */
export function insertInto(box: HTMLTextAreaElement | HTMLInputElement, text: string): void {
  const at = box.selectionStart ?? box.value.length;
  const end = box.selectionEnd ?? at;
  const before = box.value.slice(0, at);
  const after = box.value.slice(end);
  const gap = before && !/\s$/.test(before) ? (box instanceof HTMLTextAreaElement ? '\n' : ' ') : '';
  box.value = `${before}${gap}${text}${after}`;
  const cursor = before.length + gap.length + text.length;
  box.setSelectionRange(cursor, cursor);
  box.focus();
}

/** Settings › House answers: the list, each editable in place, and a form to add one. */
export function houseAnswersSection(): HTMLElement {
  const list = el('div', { class: 'house-answers-edit' });
  const section = el(
    'section',
    { class: 'card settings-form', testid: 'house-answers-settings', attrs: { 'aria-labelledby': 'house-answers-title' } },
    el('h2', { class: 'card-title', id: 'house-answers-title', text: 'House answers' }),
    el('p', {
      class: 'hint',
      text: 'The shop’s agreed answers and promises — opening hours, allergens, returns, delivery — shown beside the touchpoint log and the composer, so everyone answers the same way. On a shared book only an owner changes them.',
    }),
    list,
  );
  const reload = (): void => {
    ipc.houseAnswers().then(
      (answers) => replaceChildren(list, ...answers.map((a) => answerForm(a, reload)), answerForm(null, reload)),
      (e) => replaceChildren(list, el('p', { class: 'error-text', text: showError(e).message })),
    );
  };
  reload();
  return section;
}

/** One answer's form (or, for null, the form that adds one). */
function answerForm(answer: HouseAnswer | null, reload: () => void): HTMLElement {
  const ids = { topic: uid('ha-topic'), text: uid('ha-text'), promise: uid('ha-promise'), problem: uid('ha-problem') };
  const topic = el('input', { id: ids.topic, class: 'input', value: answer?.topic ?? '', testid: 'house-answer-topic', placeholder: 'Opening hours' });
  const text = el('textarea', {
    id: ids.text,
    class: 'input',
    rows: 2,
    value: answer?.answer ?? '',
    testid: 'house-answer-text',
    placeholder: 'Tuesday to Saturday, 8 to 6; Sundays 9 to 1.',
  });
  const promise = el('input', { id: ids.promise, type: 'checkbox', class: 'checkbox', testid: 'house-answer-promise' });
  promise.checked = answer?.isPromise ?? false;
  const problem = el('p', { class: 'field-error', id: ids.problem, testid: 'house-answer-problem', attrs: { role: 'alert' } });
  for (const box of [topic, text]) box.setAttribute('aria-describedby', ids.problem);
  const input = () => ({ topic: topic.value, answer: text.value, isPromise: promise.checked });
  const save = el('button', { type: 'button', class: answer ? 'btn' : 'btn btn-primary', testid: 'house-answer-save', text: answer ? 'Save' : 'Add' });
  save.addEventListener('click', async () => {
    problem.textContent = '';
    save.disabled = true;
    try {
      if (answer) {
        await ipc.editHouseAnswer(answer.id, input());
        toast(`Saved “${topic.value.trim()}”.`, { kind: 'success' });
      } else {
        await ipc.addHouseAnswer(input());
        toast(`Added “${topic.value.trim()}” to the house answers.`, { kind: 'success' });
      }
      reload();
    } catch (e) {
      const err = ipc.toAppError(e);
      problem.textContent = err.fields.length ? err.fields.map((f) => f.message).join('; ') : err.message;
      save.disabled = false;
    }
  });
  const remove =
    answer &&
    el('button', {
      type: 'button',
      class: 'btn btn-danger-ghost',
      testid: 'house-answer-remove',
      text: 'Remove',
      on: {
        click: async () => {
          try {
            await ipc.removeHouseAnswer(answer.id);
            toast(`Removed “${answer.topic}”. Promises already made stay on their customers’ timelines.`);
            reload();
          } catch (e) {
            problem.textContent = ipc.toAppError(e).message;
          }
        },
      },
    });
  return el(
    'div',
    { class: `house-answer-form${answer ? '' : ' house-answer-new'}`, testid: answer ? 'house-answer-row' : 'house-answer-add' },
    answer ? null : el('h3', { class: 'house-answer-add-title', text: 'Add an answer' }),
    el(
      'div',
      { class: 'log-form-row' },
      el('div', { class: 'field' }, el('label', { class: 'label', htmlFor: ids.topic, text: 'Topic' }), topic),
      el('label', { class: 'check house-answer-promise' }, promise, 'A promise we make'),
    ),
    el('div', { class: 'field' }, el('label', { class: 'label', htmlFor: ids.text, text: 'What we say' }), text),
    problem,
    el('div', { class: 'log-form-buttons' }, remove, save),
  );
}
