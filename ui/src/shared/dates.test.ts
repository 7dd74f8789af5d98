import { describe, expect, it } from 'vitest';
import { relativeMoment, spanOfDays, cadence, daysBetween, formatBirthday, formatDate, formatLongDate, inDays, parseIso, relativePast } from './dates';

describe('dates', () => {
  it('says when something is coming', () => {
    expect(inDays(0)).toBe('today');
    expect(inDays(1)).toBe('tomorrow');
    expect(inDays(3)).toBe('in 3 days');
  });

  it('says how long ago something was', () => {
    const today = '2026-11-23';
    expect(relativePast('2026-11-23', today)).toBe('today');
    expect(relativePast('2026-11-22', today)).toBe('yesterday');
    expect(relativePast('2026-11-18', today)).toBe('5 days ago');
    expect(relativePast('2026-11-02', today)).toBe('3 weeks ago');
    expect(relativePast('2026-07-23', today)).toBe('4 months ago');
    expect(relativePast('2023-11-01', today)).toBe('3 years ago');
    expect(relativePast(null, today)).toBe('never');
  });

  it('counts days across a daylight-saving change and a leap day', () => {
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
  });

  it('formats dates without the time zone moving them', () => {
    expect(formatDate('2026-11-23')).toBe('23 Nov 2026');
    expect(formatDate('2026-12-01', '2026-11-23')).toBe('1 Dec');
    expect(formatLongDate('2026-11-23')).toBe('Monday, 23 November 2026');
  });

  it('rejects impossible dates', () => {
    expect(parseIso('2026-02-31')).toBeNull();
    expect(formatDate('nonsense')).toBe('');
  });

  it('formats birthdays with and without a year', () => {
    expect(formatBirthday({ day: 14, month: 3, year: null })).toBe('14 March');
    expect(formatBirthday({ day: 14, month: 3, year: 1980 })).toBe('14 March 1980');
  });

  it('names cadences like a person would', () => {
    expect(cadence(7)).toBe('every week');
    expect(cadence(14)).toBe('every 2 weeks');
    expect(cadence(30)).toBe('every month');
    expect(cadence(90)).toBe('every 3 months');
    expect(cadence(45)).toBe('every 45 days');
  });
});

it('says long spans in weeks, months and years', () => {
  expect(spanOfDays(1)).toBe('1 day');
  expect(spanOfDays(10)).toBe('10 days');
  expect(spanOfDays(21)).toBe('3 weeks');
  expect(spanOfDays(240)).toBe('7 months');
  expect(spanOfDays(3809)).toBe('10 years');
});

it('says when a change was made as a person would', () => {
  const now = Date.parse('2026-11-23T10:00:00Z');
  expect(relativeMoment('2026-11-23T09:59:40Z', now)).toBe('just now');
  expect(relativeMoment('2026-11-23T09:59:00Z', now)).toBe('a minute ago');
  expect(relativeMoment('2026-11-23T09:58:00Z', now)).toBe('2 minutes ago');
  expect(relativeMoment('2026-11-23T08:30:00Z', now)).toBe('an hour ago');
  expect(relativeMoment('2026-11-23T01:00:00Z', now)).toBe('9 hours ago');
  expect(relativeMoment('2026-11-20T10:00:00Z', now)).toBe('on 20 Nov 2026');
  expect(relativeMoment('not a date', now)).toBe('');
});
