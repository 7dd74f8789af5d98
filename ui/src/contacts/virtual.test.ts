import { describe, expect, it } from 'vitest';
import { pagesFor, spacerHeight, visibleRange } from './virtual';

describe('visibleRange', () => {
  it('renders the rows in view plus overscan at the top of the list', () => {
    expect(visibleRange(0, 520, 52, 100_000, 5)).toEqual({ start: 0, end: 16 });
  });

  it('follows the scroll position deep into 100,000 rows', () => {
    // row 50,000 at the top; 10 rows visible (+1 partial) and 5 overscan each side
    expect(visibleRange(50_000 * 52, 520, 52, 100_000, 5)).toEqual({ start: 49_995, end: 50_016 });
  });

  it('clamps at the end of the list', () => {
    expect(visibleRange(99_995 * 52, 520, 52, 100_000, 5)).toEqual({ start: 99_990, end: 100_000 });
  });

  it('is empty for an empty list', () => {
    expect(visibleRange(0, 500, 52, 0)).toEqual({ start: 0, end: 0 });
  });

  it('clamps a stale scroll position past the end after the list shrank', () => {
    const r = visibleRange(10_000 * 52, 520, 52, 3, 5);
    expect(r.end).toBe(3);
    expect(r.start).toBeLessThanOrEqual(r.end);
  });
});

describe('pagesFor', () => {
  it('asks for one page when the window sits inside it', () => {
    expect(pagesFor({ start: 10, end: 40 }, 100)).toEqual([0]);
  });
  it('asks for both pages when the window straddles a boundary', () => {
    expect(pagesFor({ start: 90, end: 115 }, 100)).toEqual([0, 1]);
  });
  it('maps a deep scroll to the right offset page', () => {
    expect(pagesFor(visibleRange(50_000 * 52, 520, 52, 100_000, 5), 100)).toEqual([499, 500]);
  });
  it('asks for nothing for an empty range', () => {
    expect(pagesFor({ start: 0, end: 0 }, 100)).toEqual([]);
  });
});

it('spacer is sized total * rowHeight', () => {
  expect(spacerHeight(100_000, 52)).toBe(5_200_000);
});
