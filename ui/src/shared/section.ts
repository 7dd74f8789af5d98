// A card of Today's kind: an icon, a title, how many there are (and how many are shown), and the
// list — or what it means that there is none. Today and the staff pages use it.
import { el, icon, type IconName } from './dom';

export function section(
  opts: { title: string; icon: IconName; testid: string; count: number; shown: number; empty: string },
  items: HTMLElement[],
): HTMLElement {
  const more = opts.count > opts.shown ? ` · showing ${opts.shown} of ${opts.count.toLocaleString('en-US')}` : '';
  return el(
    'section',
    { class: 'card today-section', testid: opts.testid },
    el(
      'header',
      { class: 'section-head' },
      el('span', { class: 'section-icon' }, icon(opts.icon, 18)),
      el('h2', { class: 'card-title', text: opts.title }),
      el('span', { class: 'section-count', testid: `${opts.testid}-count`, text: `${opts.count.toLocaleString('en-US')}${more}` }),
    ),
    items.length ? el('ul', { class: 'item-list' }, ...items) : el('p', { class: 'section-empty', text: opts.empty }),
  );
}
