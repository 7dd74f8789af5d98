import { describe, expect, it } from 'vitest';
import { PersonalLineEdits } from './personalLines';

const suggestion = (contactId: number, suggested: string) => ({ contactId, displayName: `#${contactId}`, suggested, source: '' });

describe('PersonalLineEdits', () => {
  it('shows the suggestion until the owner edits, and sends only edits', () => {
    const edits = new PersonalLineEdits();
    expect(edits.lineFor(suggestion(1, 'P.S. Hello'))).toBe('P.S. Hello');
    expect(edits.forBatch()).toEqual([]);
    edits.set(1, 'Congratulations!');
    edits.set(2, '');
    expect(edits.lineFor(suggestion(1, 'P.S. Hello'))).toBe('Congratulations!');
    expect(edits.lineFor(suggestion(2, 'P.S. Hi'))).toBe('');
    expect(edits.forBatch()).toEqual([
      { contactId: 1, line: 'Congratulations!' },
      { contactId: 2, line: '' },
    ]);
  });
});
