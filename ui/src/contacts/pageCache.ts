// Pages of rows fetched by offset, cached until the query changes. Each
// invalidation starts a new generation; responses from an older generation
// (a stale search) are dropped.

export type Page<T> = { total: number; offset: number; rows: T[] };
export type Fetcher<T> = (offset: number, limit: number) => Promise<Page<T>>;

export class PageCache<T> {
  private pages = new Map<number, T[]>();
  private pending = new Set<number>();
  private generation = 0;
  total: number | null = null;

  constructor(
    readonly pageSize: number,
    private fetcher: Fetcher<T>,
    private onLoaded: () => void = () => {},
    private onError: (e: unknown) => void = () => {},
  ) {}

  setFetcher(f: Fetcher<T>): void {
    this.fetcher = f;
  }

  /** Forget everything; responses still in flight will be ignored. */
  invalidate(): void {
    this.generation += 1;
    this.pages.clear();
    this.pending.clear();
  }

  get currentGeneration(): number {
    return this.generation;
  }

  row(index: number): T | undefined {
    const page = this.pages.get(Math.floor(index / this.pageSize));
    return page?.[index % this.pageSize];
  }

  hasPage(p: number): boolean {
    return this.pages.has(p);
  }

  isPending(p: number): boolean {
    return this.pending.has(p);
  }

  /** Fetch the given pages that are neither cached nor already on the way. */
  ensure(pages: number[]): Promise<void> {
    const todo = pages.filter((p) => p >= 0 && !this.pages.has(p) && !this.pending.has(p));
    return Promise.all(todo.map((p) => this.load(p))).then(() => undefined);
  }

  private async load(p: number): Promise<void> {
    const gen = this.generation;
    this.pending.add(p);
    try {
      const page = await this.fetcher(p * this.pageSize, this.pageSize);
      if (gen !== this.generation) return; // stale
      this.pages.set(p, page.rows);
      this.total = page.total;
      this.onLoaded();
    } catch (e) {
      if (gen !== this.generation) return;
      this.onError(e);
    } finally {
      if (gen === this.generation) this.pending.delete(p);
    }
  }
}
