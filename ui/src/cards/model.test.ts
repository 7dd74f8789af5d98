import { describe, expect, it } from 'vitest';
import { batchName, recipientsFor } from './model';

describe('cards model', () => {
  it('builds the recipients value for each choice', () => {
    expect(recipientsFor('tag', 'Regulars', [])).toEqual({ type: 'tag', tag: 'Regulars' });
    expect(recipientsFor('picked', '', [3, 4])).toEqual({ type: 'picked', ids: [3, 4] });
    expect(recipientsFor('everyone', 'x', [1])).toEqual({ type: 'everyone' });
    expect(recipientsFor('birthdaysNextMonth', '', [])).toEqual({ type: 'birthdaysNextMonth' });
  });
  it('makes safe file names', () => {
    expect(batchName('thanksgiving-us', '2026-11-23')).toBe('thanksgiving-us-2026-11-23');
    expect(batchName('a/b', 'c d')).toBe('a-b-c-d');
  });
});
