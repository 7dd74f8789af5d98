import { afterEach, describe, expect, it } from 'vitest';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import type { ContactSummary, ListQuery } from '../api/bindings';
import { createContactList, rowTags } from './list';

const EVIL = '<img src=x onerror=alert(1)>';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function summary(id: number, name: string): ContactSummary {
  return { id, displayName: name, company: '', email: '', phone: '', tags: [], lastContacted: null, customerSince: null, archived: false };
}

afterEach(() => {
  clearMocks();
  document.body.textContent = '';
});

describe('contact list', () => {
  it('searches as you type (debounced), shows the total and names as text', async () => {
    const queries: ListQuery[] = [];
    mockIPC((cmd, args) => {
      if (cmd === 'list_tags') return [];
      if (cmd === 'list_contacts') {
        const q = (args as { query: ListQuery }).query;
        queries.push(q);
        if (q.search === 'ev') return { total: 1, offset: 0, rows: [summary(2, EVIL)] };
        return { total: 12345, offset: q.offset, rows: Array.from({ length: q.limit }, (_, i) => summary(q.offset + i + 10, `Person ${q.offset + i}`)) };
      }
      throw new Error(cmd);
    });
    const view = createContactList({ onNew: () => {} });
    document.body.appendChild(view.root);
    view.activate();
    await sleep(100);
    expect(view.root.querySelector('[data-testid=contact-count]')?.textContent).toBe('12,345 contacts');
    expect(queries[0]).toMatchObject({ search: '', offset: 0, limit: 100, sort: 'name', archive: 'active', tag: null });

    const search = view.root.querySelector('[data-testid=search]') as HTMLInputElement;
    const before = queries.length;
    for (const v of ['e', 'ev']) {
      search.value = v;
      search.dispatchEvent(new Event('input'));
    }
    await sleep(200);
    const searches = queries.slice(before).map((q) => q.search);
    expect(searches).toEqual(['ev']); // one request for the final text, none for "e"
    const names = [...view.root.querySelectorAll('[data-testid=row-name]')];
    expect(names.map((n) => n.textContent)).toEqual([EVIL]);
    expect(view.root.querySelectorAll('img')).toHaveLength(0);
    expect(view.root.querySelector('[data-testid=contact-count]')?.textContent).toBe('1 contact');
  });
});

describe('row tags', () => {
  it('shows the two shortest tags, in their order when equally long, and names the rest for the +N', () => {
    expect(rowTags(['holiday-cards', 'local', 'newsletter', 'vip'])).toEqual({ shown: ['vip', 'local'], more: ['newsletter', 'holiday-cards'] });
    expect(rowTags(['Gold', 'Blue'])).toEqual({ shown: ['Gold', 'Blue'], more: [] });
    expect(rowTags(['Ünïcödé', 'a'])).toEqual({ shown: ['a', 'Ünïcödé'], more: [] });
    expect(rowTags([])).toEqual({ shown: [], more: [] });
  });
});
