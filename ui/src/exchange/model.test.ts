import { describe, expect, it } from 'vitest';
import type { ColumnMapping, ContactInput } from '../api/bindings';
import { addedValues, compareFields, defaultIncoming, picksFrom, phoneDigits, remap, withExtension } from './model';

const blank: ContactInput = {
  givenName: '',
  familyName: '',
  prefix: '',
  nickname: '',
  company: '',
  jobTitle: '',
  emails: [],
  phones: [],
  addresses: [],
  birthday: null,
  customerSince: null,
  family: '',
  interests: '',
  talkingPoints: '',
  notes: '',
  tags: [],
  keepInTouchDays: null,
};

describe('export destination', () => {
  it('changes only the extension', () => {
    expect(withExtension('/home/ann/Downloads/rapport-contacts-2026-11-23.csv', 'xlsx')).toBe('/home/ann/Downloads/rapport-contacts-2026-11-23.xlsx');
    expect(withExtension('/home/a.b/list', 'vcf')).toBe('/home/a.b/list.vcf');
    expect(withExtension('C:\\Users\\Ann\\.hidden', 'csv')).toBe('C:\\Users\\Ann\\.hidden.csv');
  });
});

describe('column mapping', () => {
  const mapping: ColumnMapping[] = [
    { header: 'Mail', target: 'email', slot: 1, label: '' },
    { header: 'Other', target: 'ignore', slot: 1, label: '' },
    { header: 'Town', target: 'ignore', slot: 1, label: '' },
  ];
  it('gives a second email column the next number', () => {
    const next = remap(mapping, 1, 'email');
    expect(next[1]).toMatchObject({ target: 'email', slot: 2 });
    expect(mapping[1].target).toBe('ignore');
  });
  it('puts address parts on the first address', () => {
    expect(remap(mapping, 2, 'city')[2]).toMatchObject({ target: 'city', slot: 1 });
  });
});

describe('side by side', () => {
  const mine = { ...blank, givenName: 'Ann', jobTitle: 'Baker', birthday: null };
  const theirs = { ...blank, givenName: 'Ann', jobTitle: 'Head baker', birthday: { month: 3, day: 14, year: null }, notes: '<b>x</b>' };
  it('lists only fields someone has, marking differences', () => {
    const rows = compareFields(mine, theirs);
    expect(rows.map((r) => [r.field, r.differs])).toEqual([
      ['givenName', false],
      ['jobTitle', true],
      ['birthday', true],
      ['notes', true],
    ]);
  });
  it('keeps the stored value unless it is empty, and sends picks for differing fields only', () => {
    const rows = compareFields(mine, theirs);
    expect(rows.filter((r) => r.differs).map(defaultIncoming)).toEqual([false, true, true]);
    const picks = picksFrom(rows, new Map([['jobTitle', true]]));
    expect(picks).toEqual([
      { field: 'jobTitle', incoming: true },
      { field: 'birthday', incoming: true },
      { field: 'notes', incoming: true },
    ]);
  });
  it('shows what a merge adds to the lists', () => {
    expect(addedValues(['ann@x.org'], ['ANN@x.org', 'a@y.org'])).toEqual(['a@y.org']);
    expect(addedValues(['+1 555 0100'], ['(555) 0100', '15550100'], phoneDigits)).toEqual(['(555) 0100']);
    expect(addedValues(['600 111 222'], ['0034 600 111 222', '+34 600 111 333'], phoneDigits)).toEqual(['+34 600 111 333']);
  });
});
