import { describe, expect, it } from 'vitest';
import { addDays, dueLabel } from './model';

describe('follow-up days', () => {
  it('adds calendar days across months, years and 29 February', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-12-07', 7)).toBe('2026-12-14');
  });

  it('says when a follow-up is due, relative to today', () => {
    const today = '2026-12-07';
    expect(dueLabel('2026-12-07', today)).toEqual({ text: 'due today', overdue: false, due: true });
    expect(dueLabel('2026-12-08', today)).toEqual({ text: 'due tomorrow', overdue: false, due: false });
    expect(dueLabel('2026-12-06', today)).toEqual({ text: '1 day overdue', overdue: true, due: true });
    expect(dueLabel('2026-11-30', today).text).toBe('7 days overdue');
    expect(dueLabel('2026-12-15', today).text).toBe('due Tue 15 Dec');
    expect(dueLabel('2027-01-05', today).text).toBe('due Tue 5 Jan 2027');
  });
});
