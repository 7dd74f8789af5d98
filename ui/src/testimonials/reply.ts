// "They replied…" on a welcome, card or gesture sent: paste what the customer wrote back, log it
// as a compliment, complaint or note; a compliment can be kept as a testimonial with their
// permission. "Testimonial…" on any compliment sets or clears the same.
import type { TestimonialMark, TestimonialTerms, Touchpoint, TouchpointKind } from '../api/bindings';
import * as ipc from '../api/ipc';
import { el, uid } from '../shared/dom';
import { openDialog } from '../shared/dialog';
import { showError, toast } from '../shared/toast';
import { bookChanged } from '../shared/events';
import { toastWithUndo } from '../shared/undoEntry';
import { formatDate } from '../shared/dates';
import { MAY_QUOTE } from './model';

/** The permission fields, shared by both dialogs. */
function termsFields(initial: TestimonialTerms | null) {
  const quoteId = uid('may-quote');
  const mayQuote = el(
    'select',
    { id: quoteId, class: 'input', testid: 'testimonial-may-quote' },
    ...MAY_QUOTE.map((q) => el('option', { value: q.value, text: q.label })),
  );
  mayQuote.value = initial?.mayQuote ?? 'notAsked';
  const calls = el('input', { type: 'checkbox', class: 'checkbox', testid: 'testimonial-takes-calls', checked: initial?.takesCalls ?? false });
  const node = el(
    'div',
    { class: 'testimonial-terms' },
    el('div', { class: 'field' }, el('label', { class: 'label', htmlFor: quoteId, text: 'May we quote them?' }), mayQuote),
    el('label', { class: 'check-line' }, calls, el('span', { text: 'Happy to take a call from someone thinking of buying' })),
  );
  const terms = (): TestimonialTerms => ({ mayQuote: mayQuote.value as TestimonialTerms['mayQuote'], takesCalls: calls.checked });
  return { node, terms };
}

export function openReplyDialog(sent: Touchpoint, sentLabel: string, onDone: () => void): void {
  const dlg = openDialog({ title: 'They replied', testid: 'reply-dialog' });
  const textId = uid('reply-text');
  const text = el('textarea', { id: textId, class: 'input', rows: 6, testid: 'reply-text', placeholder: 'Paste what they wrote back' });
  const kinds: { kind: TouchpointKind; label: string }[] = [
    { kind: 'compliment', label: 'A compliment' },
    { kind: 'complaint', label: 'A complaint' },
    { kind: 'note', label: 'Just a note' },
  ];
  const kindName = uid('reply-kind');
  const radios = kinds.map((k, i) =>
    el(
      'label',
      { class: 'check-line' },
      el('input', { type: 'radio', name: kindName, value: k.kind, checked: i === 0, testid: `reply-kind-${k.kind}` }),
      el('span', { text: k.label }),
    ),
  );
  const keep = el('input', { type: 'checkbox', class: 'checkbox', testid: 'reply-testimonial' });
  const terms = termsFields(null);
  terms.node.hidden = true;
  keep.addEventListener('change', () => (terms.node.hidden = !keep.checked));
  const keepLine = el('label', { class: 'check-line' }, keep, el('span', { text: 'Keep it as a testimonial' }));
  const kindOf = () => (dlg.body.querySelector<HTMLInputElement>(`input[name="${kindName}"]:checked`)?.value ?? 'compliment') as TouchpointKind;
  for (const r of radios) {
    r.addEventListener('change', () => {
      const compliment = kindOf() === 'compliment';
      keepLine.hidden = !compliment;
      terms.node.hidden = !compliment || !keep.checked;
    });
  }
  const error = el('p', { class: 'field-error', testid: 'reply-error' });
  dlg.body.append(
    el('p', { class: 'muted', text: `In answer to the ${sentLabel.toLowerCase()} on ${formatDate(sent.happenedOn)}.` }),
    el('div', { class: 'field' }, el('label', { class: 'label', htmlFor: textId, text: 'What they wrote' }), text),
    el('div', { class: 'field', attrs: { role: 'radiogroup', 'aria-label': 'Log it as' } }, ...radios),
    keepLine,
    terms.node,
    error,
  );
  const save = el('button', { type: 'button', class: 'btn btn-primary', testid: 'reply-save', text: 'Log their reply' });
  save.addEventListener('click', async () => {
    error.textContent = '';
    save.disabled = true;
    const kind = kindOf();
    try {
      const logged = await ipc.logReply({
        replyTo: sent.id,
        text: text.value,
        kind,
        happenedOn: null,
        testimonial: kind === 'compliment' && keep.checked ? terms.terms() : null,
      });
      dlg.close();
      toastWithUndo(
        kind === 'compliment' && keep.checked ? 'Their reply is logged and kept as a testimonial.' : 'Their reply is logged on the timeline.',
        logged.id,
        onDone,
      );
      bookChanged();
      onDone();
    } catch (e) {
      const ae = ipc.toAppError(e);
      error.textContent = ae.fields.length ? ae.fields.map((f) => f.message).join(' ') : ae.message;
      save.disabled = false;
    }
  });
  dlg.footer.append(el('button', { type: 'button', class: 'btn', text: 'Cancel', on: { click: () => dlg.close() } }), save);
  text.focus();
}

export function openTestimonialDialog(compliment: Touchpoint, mark: TestimonialMark | undefined, onDone: () => void): void {
  const dlg = openDialog({ title: mark ? 'Testimonial' : 'Keep as a testimonial', testid: 'testimonial-dialog' });
  const terms = termsFields(mark?.terms ?? null);
  dlg.body.append(el('blockquote', { class: 'quote', text: compliment.note || '(no words logged)' }), terms.node);
  const apply = async (value: TestimonialTerms | null) => {
    try {
      await ipc.markTestimonial(compliment.id, value);
      dlg.close();
      toast(value ? 'Kept as a testimonial.' : 'No longer a testimonial; the compliment stays.', { kind: 'success' });
      bookChanged();
      onDone();
    } catch (e) {
      showError(e);
    }
  };
  dlg.footer.append(
    mark ? el('button', { type: 'button', class: 'btn', testid: 'testimonial-remove', text: 'Not a testimonial', on: { click: () => void apply(null) } }) : '',
    el('button', { type: 'button', class: 'btn', text: 'Cancel', on: { click: () => dlg.close() } }),
    el('button', { type: 'button', class: 'btn btn-primary', testid: 'testimonial-save', text: 'Save', on: { click: () => void apply(terms.terms()) } }),
  );
}
