import { describe, expect, it } from 'vitest';
import type { Contact } from '../api/bindings';
import { emptyAddress, emptyForm, fromContact, mapFieldErrors, parseTags, toInput } from './formModel';

describe('form -> ContactInput', () => {
  it('drops blank email, phone and address rows and trims values', () => {
    const s = emptyForm();
    s.givenName = '  Ann ';
    s.emails = [
      { label: 'work', value: ' ' },
      { label: 'home', value: 'ann@example.com ' },
    ];
    s.phones = [{ label: 'mobile', value: '' }];
    s.addresses = [emptyAddress(), { ...emptyAddress('work'), city: 'Bergen' }];
    const { input, indexMap, errors } = toInput(s);
    expect(errors).toEqual([]);
    expect(input.givenName).toBe('Ann');
    expect(input.emails).toEqual([{ label: 'home', value: 'ann@example.com' }]);
    expect(input.phones).toEqual([]);
    expect(input.addresses).toHaveLength(1);
    expect(input.addresses[0].city).toBe('Bergen');
    expect(indexMap).toEqual({ emails: [1], phones: [], addresses: [1] });
  });

  it('keeps a birthday without a year', () => {
    const s = emptyForm();
    s.birthdayDay = '14';
    s.birthdayMonth = '3';
    expect(toInput(s).input.birthday).toEqual({ day: 14, month: 3, year: null });
    s.birthdayYear = '1980';
    expect(toInput(s).input.birthday).toEqual({ day: 14, month: 3, year: 1980 });
  });

  it('asks for the month when only a day is given', () => {
    const s = emptyForm();
    s.birthdayDay = '14';
    const { input, errors } = toInput(s);
    expect(input.birthday).toBeNull();
    expect(errors.map((e) => e.field)).toEqual(['birthday']);
  });

  it('turns empty optional fields into null', () => {
    const { input } = toInput(emptyForm());
    expect(input.birthday).toBeNull();
    expect(input.customerSince).toBeNull();
    expect(input.keepInTouchDays).toBeNull();
    expect(input.tags).toEqual([]);
  });

  it('parses keep-in-touch days and rejects non-numbers', () => {
    const s = emptyForm();
    s.keepInTouchDays = '30';
    expect(toInput(s).input.keepInTouchDays).toBe(30);
    s.keepInTouchDays = 'often';
    expect(toInput(s).errors[0].field).toBe('keepInTouchDays');
  });

  it('splits tags on commas, ignoring blanks and duplicates', () => {
    expect(parseTags(' regular, wholesale,, Regular ,')).toEqual(['regular', 'wholesale']);
  });

  it('round-trips a contact', () => {
    const c: Contact = {
      id: 1,
      displayName: 'Ann Lee',
      companyId: null,
      lastContacted: null,
      archived: false,
      createdAt: '',
      updatedAt: '',
      givenName: 'Ann',
      familyName: 'Lee',
      prefix: '',
      nickname: '',
      company: 'Lee & Co',
      jobTitle: 'Owner',
      emails: [{ label: 'work', value: 'a@lee.co' }],
      phones: [],
      addresses: [],
      birthday: { day: 2, month: 5, year: null },
      customerSince: '2020-01-01',
      family: 'Tom',
      interests: '',
      talkingPoints: '',
      notes: '',
      tags: ['vip', 'regular'],
      keepInTouchDays: 60,
    };
    const { input } = toInput(fromContact(c));
    expect(input).toMatchObject({
      givenName: 'Ann',
      familyName: 'Lee',
      company: 'Lee & Co',
      emails: c.emails,
      phones: [],
      birthday: c.birthday,
      customerSince: '2020-01-01',
      tags: ['vip', 'regular'],
      keepInTouchDays: 60,
      family: 'Tom',
    });
  });
});

describe('mapFieldErrors', () => {
  it('maps row errors back to the form row they came from', () => {
    const s = emptyForm();
    s.emails = [
      { label: 'work', value: '' },
      { label: 'work', value: 'ok@x.io' },
      { label: 'home', value: 'not-an-email' },
    ];
    const { indexMap } = toInput(s);
    const map = mapFieldErrors(
      [
        { field: 'emails.1', message: 'This is not an email address.' },
        { field: 'givenName', message: 'Too long.' },
        { field: 'somethingNew', message: 'Odd.' },
      ],
      indexMap,
    );
    expect(map.get('emails.2')).toBe('This is not an email address.');
    expect(map.get('givenName')).toBe('Too long.');
    expect(map.get('_form')).toBe('Odd.');
  });
});
