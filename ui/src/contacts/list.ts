// The Contacts screen: search, filters and a virtualised list that stays smooth
// with 100,000 rows (fixed row height, only visible rows in the DOM, pages of
// 100 fetched by offset on demand).
import type { ArchiveFilter, ContactSummary, ListQuery, SortKey } from '../api/bindings';
import * as ipc from '../api/ipc';
import { el, icon, replaceChildren } from '../shared/dom';
import { formatDate, relativePast, todayIso } from '../shared/dates';
import { promptText } from '../shared/dialog';
import { showError, toast } from '../shared/toast';
import { bookChanged, onBookChanged } from '../shared/events';
import { href } from '../shared/router';
import { PageCache } from './pageCache';
import { pagesFor, spacerHeight, visibleRange } from './virtual';

/** A row's height in rem (as .vrow in styles.css): rows grow with the owner's text size. */
export const ROW_HEIGHT_REM = 3.25;
/** A row's height in pixels now, for the scroll arithmetic. */
const rowHeight = () => ROW_HEIGHT_REM * (parseFloat(getComputedStyle(document.documentElement).fontSize) || 16);
export const PAGE_SIZE = 100;
const SEARCH_DEBOUNCE_MS = 80;
const FETCH_SETTLE_MS = 60;

export type ContactListView = {
  root: HTMLElement;
  focusSearch: () => void;
  /** Call after the view is shown again (sizes may have changed). */
  activate: () => void;
};

export function createContactList(opts: { onNew: () => void }): ContactListView {
  const query: ListQuery = { search: '', tag: null, sort: 'name', archive: 'active', offset: 0, limit: PAGE_SIZE };
  const selected = new Set<number>();
  let lastClicked: number | null = null;
  let searchTimer: number | undefined;
  let frame = 0;
  /** The rows drawn, by index; `key` is the row's data as drawn, so a re-read redraws only rows that changed. */
  const rowNodes = new Map<number, { node: HTMLElement; id: number | null; key: string | null }>();

  const cache = new PageCache<ContactSummary>(
    PAGE_SIZE,
    (offset, limit) => ipc.listContacts({ ...query, offset, limit }),
    () => schedule(),
    (e) => showError(e),
  );

  // --- toolbar ---
  const search = el('input', {
    class: 'input search-input',
    type: 'search',
    testid: 'search',
    placeholder: 'Search name, company, tag…',
    attrs: { 'aria-label': 'Search contacts', autocomplete: 'off', spellcheck: 'false' },
    on: {
      input: () => {
        window.clearTimeout(searchTimer);
        searchTimer = window.setTimeout(() => {
          query.search = search.value;
          refresh(true);
        }, SEARCH_DEBOUNCE_MS);
      },
      keydown: (e) => {
        if (e.key === 'Escape' && search.value) {
          e.stopPropagation();
          search.value = '';
          query.search = '';
          refresh(true);
        } else if (e.key === 'Enter') {
          const first = cache.row(0);
          if (first) location.hash = href({ name: 'contact', id: first.id });
        }
      },
    },
  });
  const tagSelect = el('select', {
    class: 'input',
    testid: 'tag-filter',
    attrs: { 'aria-label': 'Filter by tag' },
    on: {
      change: () => {
        query.tag = tagSelect.value || null;
        refresh(true);
      },
    },
  });
  const sortSelect = el(
    'select',
    {
      class: 'input',
      testid: 'sort',
      attrs: { 'aria-label': 'Sort by' },
      on: {
        change: () => {
          query.sort = sortSelect.value as SortKey;
          refresh(true);
        },
      },
    },
    el('option', { value: 'name', text: 'By name' }),
    el('option', { value: 'lastContacted', text: 'Longest since contact' }),
    el('option', { value: 'customerSince', text: 'Newest customers' }),
  );
  const archiveButtons = (['active', 'archived', 'all'] as ArchiveFilter[]).map((a) =>
    el('button', {
      class: 'seg-btn',
      type: 'button',
      testid: `archive-${a}`,
      text: a === 'active' ? 'Active' : a === 'archived' ? 'Archived' : 'All',
      attrs: { 'aria-pressed': String(a === query.archive) },
      on: {
        click: () => {
          query.archive = a;
          for (const b of archiveButtons) b.setAttribute('aria-pressed', String(b.dataset.testid === `archive-${a}`));
          refresh(true);
        },
      },
    }),
  );
  const countLabel = el('span', { class: 'count', testid: 'contact-count', attrs: { 'aria-live': 'polite' } });

  // --- bulk bar ---
  const bulkCount = el('span', { class: 'bulk-count', testid: 'bulk-count' });
  const bulkBar = el(
    'div',
    { class: 'bulk-bar', testid: 'bulk-bar', hidden: true },
    bulkCount,
    el('button', { class: 'btn btn-small', type: 'button', text: 'Tag…', testid: 'bulk-tag', on: { click: () => void bulkTag(true) } }),
    el('button', { class: 'btn btn-small', type: 'button', text: 'Untag…', testid: 'bulk-untag', on: { click: () => void bulkTag(false) } }),
    el('button', { class: 'btn btn-small', type: 'button', text: 'Archive', testid: 'bulk-archive', on: { click: () => void bulkArchive(true) } }),
    el('button', { class: 'btn btn-small', type: 'button', text: 'Restore', testid: 'bulk-restore', on: { click: () => void bulkArchive(false) } }),
    el('button', {
      class: 'btn btn-ghost btn-small',
      type: 'button',
      text: 'Clear selection',
      on: {
        click: () => {
          selected.clear();
          updateSelection();
        },
      },
    }),
  );

  // --- list ---
  const spacer = el('div', { class: 'vlist-spacer' });
  const viewport = el('div', { class: 'vlist', testid: 'contact-list', attrs: { role: 'list', 'aria-label': 'Contacts', tabindex: '-1' } }, spacer);
  const header = el(
    'div',
    { class: 'vlist-header', attrs: { 'aria-hidden': 'true' } },
    el('span', {}),
    el('span', { text: 'Name' }),
    el('span', { text: 'Email' }),
    el('span', { text: 'Phone' }),
    el('span', { text: 'Tags' }),
    el('span', { class: 'col-right', text: 'Last contact' }),
  );
  const empty = el('div', { class: 'empty-state', testid: 'list-empty', hidden: true });

  const root = el(
    'section',
    { class: 'page page-contacts', testid: 'contacts-page' },
    el(
      'header',
      { class: 'page-header' },
      el('div', { class: 'title-row' }, el('h1', { class: 'page-title', text: 'Contacts' }), countLabel),
      el(
        'div',
        { class: 'toolbar' },
        el('div', { class: 'search-wrap' }, icon('search', 16), search),
        tagSelect,
        sortSelect,
        el('div', { class: 'segmented', attrs: { role: 'group', 'aria-label': 'Show' } }, ...archiveButtons),
      ),
    ),
    bulkBar,
    el('div', { class: 'list-card' }, header, viewport, empty),
  );

  viewport.addEventListener('scroll', () => schedule(), { passive: true });
  window.addEventListener('resize', () => schedule());
  onBookChanged(() => {
    refresh(false);
    void loadTags();
  });

  function schedule() {
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      render();
    });
  }

  function refresh(queryChanged: boolean) {
    cache.invalidate();
    if (queryChanged) {
      viewport.scrollTop = 0;
      selected.clear();
      lastClicked = null;
      updateSelection();
    }
    // A new query draws every row anew; the same query read again (the book changed) keeps the
    // rows whose data did not change, so a row under the owner's pointer stays put.
    if (queryChanged) {
      for (const r of rowNodes.values()) r.node.remove();
      rowNodes.clear();
    }
    // The same query read again: every page on screen at once, so no row waits as a placeholder.
    const onScreen = queryChanged ? [] : pagesFor(visibleRange(viewport.scrollTop, viewport.clientHeight || 600, rowHeight(), cache.total ?? 0, 10), PAGE_SIZE);
    void cache.ensure(onScreen.length > 0 ? onScreen : [0]).then(() => render());
  }

  async function loadTags() {
    try {
      const tags = await ipc.listTags();
      const current = query.tag;
      replaceChildren(
        tagSelect,
        el('option', { value: '', text: 'All tags' }),
        ...tags.map((t) => el('option', { value: t.name, text: `${t.name} (${t.count.toLocaleString('en-US')})` })),
      );
      if (current && tags.some((t) => t.name === current)) tagSelect.value = current;
      else if (current) {
        query.tag = null;
        tagSelect.value = '';
      }
    } catch (e) {
      showError(e);
    }
  }

  function render() {
    const total = cache.total ?? 0;
    spacer.style.height = `${spacerHeight(total, ROW_HEIGHT_REM)}rem`;
    if (cache.total === null) countLabel.textContent = 'Loading…';
    else {
      countLabel.textContent = `${total.toLocaleString('en-US')} ${total === 1 ? 'contact' : 'contacts'}`;
    }
    updateEmpty(total);
    const range = visibleRange(viewport.scrollTop, viewport.clientHeight || 600, rowHeight(), total, 10);
    if (pagesFor(range, PAGE_SIZE).some((p) => !cache.hasPage(p) && !cache.isPending(p))) requestVisiblePages();
    for (const [i, r] of rowNodes) {
      if (i < range.start || i >= range.end) {
        r.node.remove();
        rowNodes.delete(i);
      }
    }
    for (let i = range.start; i < range.end; i++) {
      const data = cache.row(i);
      const key = data ? JSON.stringify(data) : null;
      const existing = rowNodes.get(i);
      // While a page is read again, its rows stay as drawn rather than flash to placeholders.
      if (existing && (existing.key === key || (key === null && cache.isPending(Math.floor(i / PAGE_SIZE))))) continue;
      const node = data ? renderRow(data, i) : renderPlaceholder(i);
      node.style.transform = `translateY(${i * ROW_HEIGHT_REM}rem)`;
      if (existing) existing.node.replaceWith(node);
      else viewport.appendChild(node);
      rowNodes.set(i, { node, id: data?.id ?? null, key });
    }
  }

  // While the scrollbar is dragged fast, wait until it rests a moment before
  // fetching, so pages that merely fly past are never asked for.
  let fetchTimer: number | undefined;
  function requestVisiblePages() {
    window.clearTimeout(fetchTimer);
    fetchTimer = window.setTimeout(() => {
      const range = visibleRange(viewport.scrollTop, viewport.clientHeight || 600, rowHeight(), cache.total ?? 0, 10);
      void cache.ensure(pagesFor(range, PAGE_SIZE));
    }, FETCH_SETTLE_MS);
  }

  function updateEmpty(total: number) {
    const show = cache.total !== null && total === 0;
    empty.hidden = !show;
    viewport.hidden = show;
    if (!show) return;
    const filtered = query.search || query.tag || query.archive !== 'active';
    replaceChildren(
      empty,
      el('div', { class: 'empty-icon' }, icon(filtered ? 'search' : 'people', 28)),
      el('h2', { text: filtered ? 'No one matches' : 'No contacts yet' }),
      el('p', { text: filtered ? 'Try fewer letters, another tag, or “All”.' : 'Add the people you want to keep in touch with.' }),
      !filtered && el('button', { class: 'btn btn-primary', type: 'button', text: 'Add a contact', on: { click: opts.onNew } }),
    );
  }

  function renderPlaceholder(i: number): HTMLElement {
    return el(
      'div',
      { class: 'vrow vrow-loading', attrs: { role: 'listitem', 'aria-busy': 'true', 'data-index': i } },
      el('span', {}),
      el('span', { class: 'skeleton' }),
      el('span', { class: 'skeleton' }),
      el('span', { class: 'skeleton' }),
    );
  }

  function renderRow(c: ContactSummary, i: number): HTMLElement {
    const box = el('input', {
      type: 'checkbox',
      class: 'checkbox',
      checked: selected.has(c.id),
      testid: 'row-select',
      attrs: { 'aria-label': `Select ${c.displayName}` },
    });
    box.addEventListener('click', (e) => {
      e.stopPropagation();
      toggleSelect(i, c.id, box.checked, e.shiftKey);
    });
    const link = el('a', { class: 'row-name', href: href({ name: 'contact', id: c.id }), testid: 'row-name', text: c.displayName || '(no name)' });
    const tags = rowTags(c.tags);
    const row = el(
      'div',
      {
        class: `vrow${selected.has(c.id) ? ' selected' : ''}${c.archived ? ' archived' : ''}`,
        testid: 'contact-row',
        attrs: { role: 'listitem', 'data-index': i, 'data-id': c.id },
      },
      el('span', { class: 'cell-check' }, box),
      el('span', { class: 'cell-name' }, link, c.company && el('span', { class: 'row-company', text: c.company, testid: 'row-company' })),
      el('span', { class: 'cell-muted cell-ellipsis', text: c.email, attrs: { title: c.email } }),
      el('span', { class: 'cell-muted cell-ellipsis', text: c.phone }),
      el(
        'span',
        { class: 'cell-tags' },
        ...tags.shown.map((t) => el('span', { class: 'chip', text: t, attrs: { title: t } })),
        tags.more.length > 0 && el('span', { class: 'chip chip-more', text: `+${tags.more.length}`, attrs: { title: tags.more.join(', ') } }),
      ),
      el('span', {
        class: 'cell-muted col-right',
        text: c.lastContacted ? relativePast(c.lastContacted, todayIso()) : 'never',
        attrs: { title: c.lastContacted ? formatDate(c.lastContacted) : 'Never contacted' },
      }),
    );
    row.addEventListener('click', (e) => {
      if ((e.target as HTMLElement).closest('a, input')) return;
      location.hash = href({ name: 'contact', id: c.id });
    });
    return row;
  }

  function toggleSelect(index: number, id: number, on: boolean, shift: boolean) {
    if (shift && lastClicked !== null) {
      const [a, b] = lastClicked < index ? [lastClicked, index] : [index, lastClicked];
      for (let i = a; i <= b; i++) {
        const r = cache.row(i);
        if (!r) continue;
        if (on) selected.add(r.id);
        else selected.delete(r.id);
      }
    } else if (on) selected.add(id);
    else selected.delete(id);
    lastClicked = index;
    updateSelection();
  }

  function updateSelection() {
    bulkBar.hidden = selected.size === 0;
    bulkCount.textContent = `${selected.size.toLocaleString('en-US')} selected`;
    for (const [, r] of rowNodes) {
      if (r.id === null) continue;
      const on = selected.has(r.id);
      r.node.classList.toggle('selected', on);
      const box = r.node.querySelector('input[type=checkbox]') as HTMLInputElement | null;
      if (box) box.checked = on;
    }
  }

  async function bulkTag(add: boolean) {
    const ids = [...selected];
    let suggestions: string[] = [];
    try {
      suggestions = (await ipc.listTags()).map((t) => t.name);
    } catch {
      /* suggestions are optional */
    }
    const tag = await promptText({
      title: add ? `Tag ${ids.length} contacts` : `Remove a tag from ${ids.length} contacts`,
      label: 'Tag',
      confirm: add ? 'Add tag' : 'Remove tag',
      suggestions,
    });
    if (!tag) return;
    try {
      const n = add ? await ipc.tagContacts(ids, tag) : await ipc.untagContacts(ids, tag);
      toast(add ? `Tagged ${n} ${n === 1 ? 'contact' : 'contacts'} “${tag}”` : `Removed “${tag}” from ${n} ${n === 1 ? 'contact' : 'contacts'}`, {
        kind: 'success',
      });
      bookChanged();
    } catch (e) {
      showError(e);
    }
  }

  async function bulkArchive(archived: boolean) {
    const ids = [...selected];
    try {
      const n = await ipc.setArchived(ids, archived);
      selected.clear();
      updateSelection();
      toast(`${archived ? 'Archived' : 'Restored'} ${n} ${n === 1 ? 'contact' : 'contacts'}`, {
        kind: 'success',
        action: {
          label: 'Undo',
          run: async () => {
            try {
              await ipc.setArchived(ids, !archived);
              bookChanged();
            } catch (e) {
              showError(e);
            }
          },
        },
      });
      bookChanged();
    } catch (e) {
      showError(e);
    }
  }

  let started = false;
  return {
    root,
    focusSearch: () => {
      search.focus();
      search.select();
    },
    activate: () => {
      if (!started) {
        started = true;
        void loadTags();
        refresh(true);
      } else schedule();
    },
  };
}

/** The two tags a list row shows, shortest first so that more of them fit whole in the narrow
 * cell (the second may still end in an ellipsis), and the rest, named in the "+N" tooltip. */
export function rowTags(tags: readonly string[]): { shown: string[]; more: string[] } {
  const byLength = [...tags].sort((a, b) => [...a].length - [...b].length);
  return { shown: byLength.slice(0, 2), more: byLength.slice(2) };
}
