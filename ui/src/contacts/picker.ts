// Finding another contact as you type (merge with…, who sent them…): the search box and its
// list of up to eight matches, each a button; the contact it is for is left out.
import type { ArchiveFilter, ContactSummary } from '../api/bindings';
import * as ipc from '../api/ipc';
import { el, replaceChildren } from '../shared/dom';
import { showError } from '../shared/toast';

export function contactSearch(opts: {
  /** Prefix of the test ids: `<testid>-search`, `<testid>-results`, `<testid>-result`. */
  testid: string;
  placeholder: string;
  archive: ArchiveFilter;
  exclude: number;
  empty: string;
  onPick: (c: ContactSummary) => void;
}): { search: HTMLInputElement; results: HTMLUListElement } {
  const search = el('input', {
    type: 'search',
    class: 'input',
    placeholder: opts.placeholder,
    testid: `${opts.testid}-search`,
    attrs: { autocomplete: 'off' },
  });
  const results = el('ul', { class: 'pick-list', testid: `${opts.testid}-results` });
  const item = (c: ContactSummary) =>
    el(
      'li',
      null,
      el(
        'button',
        { type: 'button', class: 'pick-item', testid: `${opts.testid}-result`, on: { click: () => opts.onPick(c) } },
        el('strong', { text: c.displayName || '(no name)' }),
        ' ',
        el('span', { class: 'muted', text: [c.company, c.email, c.phone].filter(Boolean).join(' · ') }),
      ),
    );
  // Answers can come back out of order while typing: only the latest one is drawn.
  let request = 0;
  search.addEventListener('input', async () => {
    const q = search.value.trim();
    const mine = ++request;
    if (!q) return replaceChildren(results);
    try {
      const found = await ipc.listContacts({ search: q, tag: null, sort: 'name', archive: opts.archive, offset: 0, limit: 8 });
      if (mine !== request) return;
      const others = found.rows.filter((r) => r.id !== opts.exclude);
      replaceChildren(results, ...(others.length ? others.map(item) : [el('li', { class: 'muted', text: opts.empty })]));
    } catch (e) {
      showError(e);
    }
  });
  return { search, results };
}
