import { describe, expect, it } from 'vitest';
import { centsOf } from './money';

describe('money as typed', () => {
  it('reads amounts and refuses anything else', () => {
    expect(centsOf('12')).toBe(1200);
    expect(centsOf(' 12.5 ')).toBe(1250);
    expect(centsOf('12,05')).toBe(1205);
    expect(centsOf('')).toBeNull();
    for (const bad of ['-3', '1.234', 'ten', '1e3']) expect(centsOf(bad)).toBeUndefined();
  });
});
