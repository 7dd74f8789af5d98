import { describe, expect, it } from 'vitest';
import { CARD_FORMATS, deliveredHeadline, openedLine, undoneLine } from './outcome';

describe('welcome outcome', () => {
  it('says the welcome is marked, whichever way it went', () => {
    expect(deliveredHeadline({ kind: 'draft', path: '/d/a.eml' })).toContain('marked as welcomed');
    expect(deliveredHeadline({ kind: 'card', path: '/d/a.pdf' })).toContain('marked as welcomed');
  });
  it('passes the failure on, or says what happens next', () => {
    const line = openedLine({ kind: 'draft', path: '/d/a.eml' }, 'No mail program could be opened (x).');
    expect(line).toBe('No mail program could be opened (x).');
    expect(openedLine({ kind: 'card', path: '/d/a.pdf' }, null)).toContain('PDF viewer');
  });
  it('keeps the file when the mark is undone', () => {
    expect(undoneLine({ kind: 'card', path: '/d/a.pdf' })).toContain('/d/a.pdf');
  });
  it('offers the folded A4 card first', () => {
    expect(CARD_FORMATS[0].id).toBe('folded-a4');
  });
});
