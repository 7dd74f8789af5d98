// "What customers said" for the team: the month's compliments and complaints, with who handled
// each, printed as one page to pin up or talk through at the team meeting.
import * as ipc from '../api/ipc';
import { el, replaceChildren, uid } from '../shared/dom';
import { todayIso } from '../shared/dates';
import { showError } from '../shared/toast';

export function monthPageSection(): HTMLElement {
  const monthId = uid('said-month');
  const month = el('input', { id: monthId, class: 'input', type: 'month', testid: 'said-month', value: todayIso().slice(0, 7) });
  const result = el('div', { class: 'testimonials-saved', testid: 'said-result' });
  const print = el('button', { type: 'button', class: 'btn btn-primary', testid: 'said-print', text: 'Print the month’s page' });
  print.addEventListener('click', async () => {
    print.disabled = true;
    try {
      const written = await ipc.saveMonthPage(month.value ? `${month.value}-01` : null);
      replaceChildren(
        result,
        el('span', { testid: 'said-path', text: `Saved ${written.count} compliments and complaints to ${written.path}` }),
        el('button', {
          type: 'button',
          class: 'btn btn-small',
          text: 'Open',
          on: { click: () => void ipc.openTestimonialsFile(written.path).catch(showError) },
        }),
      );
    } catch (e) {
      const ae = showError(e);
      replaceChildren(result, el('span', { class: 'field-error', text: ae.fields[0]?.message ?? ae.message }));
    } finally {
      print.disabled = false;
    }
  });
  return el(
    'section',
    { class: 'card', testid: 'said-section' },
    el('h2', { class: 'card-title', text: 'What customers said' }),
    el('p', { class: 'muted', text: 'The month’s compliments and complaints, with who handled each, on one page for the team.' }),
    el('div', { class: 'log-form-row' }, el('div', { class: 'field' }, el('label', { class: 'label', htmlFor: monthId, text: 'Month' }), month), print),
    result,
  );
}
