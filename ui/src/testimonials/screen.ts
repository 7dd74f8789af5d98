// The Testimonials screen: what customers said that we may share (or, unticked, every
// testimonial with its permission), who is happy to take a call from a prospect, and the exports:
// a CSV of every one and a printable page of the quotes that may be quoted.
import type { Testimonial, TestimonialsFormat } from '../api/bindings';
import * as ipc from '../api/ipc';
import { el, icon, replaceChildren } from '../shared/dom';
import { formatDate } from '../shared/dates';
import { showError } from '../shared/toast';
import { href } from '../shared/router';
import { testimonialChip } from './model';

export function renderTestimonials(root: HTMLElement): { reload: (stillShown: () => boolean) => Promise<void> } {
  const onlyQuotable = el('input', { type: 'checkbox', class: 'checkbox', checked: true, testid: 'testimonials-only-quotable' });
  const list = el('div', { class: 'testimonial-list', testid: 'testimonial-list' });
  const saved = el('div', { class: 'testimonials-saved', testid: 'testimonials-saved' });
  const page = el(
    'section',
    { class: 'page page-testimonials', testid: 'testimonials-page' },
    el('header', { class: 'page-header' }, el('p', { class: 'eyebrow', text: 'Customers' }), el('h1', { class: 'page-title', text: 'Testimonials' })),
    el('p', { class: 'lead', text: 'What customers said that you may share, and who is happy to take a call from someone thinking of buying.' }),
    el(
      'div',
      { class: 'testimonials-bar' },
      el('label', { class: 'check-line' }, onlyQuotable, el('span', { text: 'Only those we may quote' })),
      el('span', { class: 'grow' }),
      saveButton('csv', 'Save as CSV', 'testimonials-save-csv'),
      saveButton('pdf', 'Print page (PDF)', 'testimonials-save-pdf'),
    ),
    saved,
    list,
  );
  replaceChildren(root, page);

  function saveButton(format: TestimonialsFormat, label: string, testid: string) {
    const button = el('button', { type: 'button', class: 'btn', testid }, icon(format === 'pdf' ? 'cake' : 'exchange', 15), label);
    button.addEventListener('click', async () => {
      button.disabled = true;
      try {
        const written = await ipc.saveTestimonials(format);
        replaceChildren(
          saved,
          el('span', { testid: 'testimonials-saved-path', text: `Saved ${written.count} to ${written.path}` }),
          el('button', {
            type: 'button',
            class: 'btn btn-small',
            text: 'Open',
            on: { click: () => void ipc.openTestimonialsFile(written.path).catch(showError) },
          }),
        );
      } catch (e) {
        const ae = showError(e);
        replaceChildren(saved, el('span', { class: 'field-error', text: ae.fields[0]?.message ?? ae.message }));
      } finally {
        button.disabled = false;
      }
    });
    return button;
  }

  const card = (t: Testimonial) =>
    el(
      'article',
      { class: 'card testimonial', testid: 'testimonial' },
      el('blockquote', { class: 'quote', testid: 'testimonial-quote', text: t.compliment.note }),
      el(
        'p',
        { class: 'testimonial-by' },
        el('a', { href: href({ name: 'contact', id: t.contact.id }), testid: 'testimonial-customer', text: t.contact.displayName || '(no name)' }),
        t.contact.company && el('span', { class: 'muted', text: ` · ${t.contact.company}` }),
        el('span', { class: 'muted', text: ` · ${formatDate(t.compliment.happenedOn)}` }),
      ),
      el(
        'p',
        { class: 'chips' },
        el('span', {
          class: `chip${t.terms.mayQuote === 'yes' ? ' chip-ok' : t.terms.mayQuote === 'no' ? ' chip-warn' : ''}`,
          testid: 'testimonial-terms',
          text: testimonialChip(t.terms),
        }),
        t.terms.takesCalls && (t.contact.phone || t.contact.email) && el('span', { class: 'chip', text: t.contact.phone || t.contact.email }),
      ),
    );

  const load = async (stillShown: () => boolean = () => true) => {
    try {
      const all = await ipc.listTestimonials(onlyQuotable.checked);
      if (!stillShown() || !page.isConnected) return;
      replaceChildren(
        list,
        ...(all.length
          ? all.map(card)
          : [
              el(
                'div',
                { class: 'empty-state', testid: 'testimonials-empty' },
                el('h2', { text: onlyQuotable.checked ? 'No testimonial may be quoted yet' : 'No testimonials yet' }),
                el('p', {
                  text: 'When a customer replies to a welcome or a thank-you, log it with “They replied…” on their page, and keep a compliment as a testimonial. Ask them whether you may quote it.',
                }),
              ),
            ]),
      );
    } catch (e) {
      showError(e);
    }
  };
  onlyQuotable.addEventListener('change', () => void load());
  void load();
  return { reload: load };
}
