import { describe, expect, it, vi } from 'vitest';
import { PageCache, type Page } from './pageCache';

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const page = (offset: number, n: number, total: number, tag = ''): Page<string> => ({
  total,
  offset,
  rows: Array.from({ length: n }, (_, i) => `${tag}row${offset + i}`),
});

describe('PageCache', () => {
  it('fetches each page once and serves rows by index', async () => {
    const fetcher = vi.fn(async (offset: number, limit: number) => page(offset, limit, 1000));
    const cache = new PageCache(100, fetcher);
    await cache.ensure([0, 1]);
    await cache.ensure([1, 2]);
    expect(fetcher.mock.calls.map((c) => c[0])).toEqual([0, 100, 200]);
    expect(cache.row(150)).toBe('row150');
    expect(cache.row(350)).toBeUndefined();
    expect(cache.total).toBe(1000);
  });

  it('does not fetch a page twice while it is on the way', async () => {
    const d = deferred<Page<string>>();
    const fetcher = vi.fn(() => d.promise);
    const cache = new PageCache(100, fetcher);
    void cache.ensure([0]);
    void cache.ensure([0]);
    expect(fetcher).toHaveBeenCalledTimes(1);
    d.resolve(page(0, 100, 100));
    await d.promise;
  });

  it('drops responses that arrive after the query changed', async () => {
    const slow = deferred<Page<string>>();
    let calls = 0;
    const cache = new PageCache<string>(100, async (offset, limit) => {
      calls += 1;
      if (calls === 1) return slow.promise;
      return page(offset, limit, 5, 'new-');
    });
    const first = cache.ensure([0]); // old search "an"
    cache.invalidate(); // user typed "ann"
    await cache.ensure([0]);
    slow.resolve(page(0, 100, 999, 'old-'));
    await first;
    expect(cache.row(0)).toBe('new-row0');
    expect(cache.total).toBe(5);
  });

  it('invalidate empties the cache so edits are refetched', async () => {
    const fetcher = vi.fn(async (offset: number, limit: number) => page(offset, limit, 100));
    const cache = new PageCache(100, fetcher);
    await cache.ensure([0]);
    cache.invalidate();
    expect(cache.row(0)).toBeUndefined();
    await cache.ensure([0]);
    expect(fetcher).toHaveBeenCalledTimes(2);
  });

  it('reports errors and allows a retry', async () => {
    const onError = vi.fn();
    let fail = true;
    const cache = new PageCache<string>(
      10,
      async (o, l) => {
        if (fail) throw { code: 'database', message: 'busy', fields: [] };
        return page(o, l, 10);
      },
      () => {},
      onError,
    );
    await cache.ensure([0]);
    expect(onError).toHaveBeenCalledOnce();
    fail = false;
    await cache.ensure([0]);
    expect(cache.row(3)).toBe('row3');
  });
});
