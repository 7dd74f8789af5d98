import { describe, expect, it } from 'vitest';
import type { PhotoInfo } from '../api/bindings';
import { photoLabel } from './front';

const photo = (over: Partial<PhotoInfo>): PhotoInfo => ({
  id: 3,
  kind: 'team',
  staffId: null,
  caption: '',
  width: 10,
  height: 10,
  board: null,
  bytes: 1,
  ...over,
});

describe('photoLabel', () => {
  it('names team photos by caption and portraits by their staff member', () => {
    const names = new Map([[7, 'Maria']]);
    expect(photoLabel(photo({ caption: 'Summer party' }), names)).toBe('Team photo: Summer party');
    expect(photoLabel(photo({}), names)).toBe('Team photo #3');
    expect(photoLabel(photo({ kind: 'staff', staffId: 7 }), names)).toBe('Portrait of Maria #3');
    expect(photoLabel(photo({ kind: 'staff', staffId: 8, caption: 'At the till' }), names)).toBe('Portrait: At the till');
  });
});
