import { describe, expect, it } from 'vitest';
import { offsetSetting } from './mailPieces';

describe('offsetSetting', () => {
  it('writes X,Y with blanks as zero and decimal commas as points', () => {
    expect(offsetSetting('0.5', '-1')).toBe('0.5,-1');
    expect(offsetSetting('', ' ')).toBe('0,0');
    expect(offsetSetting('1,5', '2')).toBe('1.5,2');
  });
});
