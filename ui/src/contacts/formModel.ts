// The edit form's state and its conversion to and from ContactInput.
import type { Contact, ContactInput, FieldError, LabeledValue, PostalAddress } from '../api/bindings';

export const PHONE_EMAIL_LABELS = ['home', 'work', 'mobile', 'other'] as const;

export type FormState = {
  prefix: string;
  givenName: string;
  familyName: string;
  nickname: string;
  company: string;
  jobTitle: string;
  emails: LabeledValue[];
  phones: LabeledValue[];
  addresses: PostalAddress[];
  birthdayDay: string;
  birthdayMonth: string;
  birthdayYear: string;
  customerSince: string;
  keepInTouchDays: string;
  family: string;
  interests: string;
  talkingPoints: string;
  notes: string;
  tags: string;
};

export function emptyAddress(label = 'home'): PostalAddress {
  return { label, street: '', city: '', region: '', postalCode: '', country: '' };
}

export function emptyForm(): FormState {
  return {
    prefix: '',
    givenName: '',
    familyName: '',
    nickname: '',
    company: '',
    jobTitle: '',
    emails: [{ label: 'work', value: '' }],
    phones: [{ label: 'mobile', value: '' }],
    addresses: [],
    birthdayDay: '',
    birthdayMonth: '',
    birthdayYear: '',
    customerSince: '',
    keepInTouchDays: '',
    family: '',
    interests: '',
    talkingPoints: '',
    notes: '',
    tags: '',
  };
}

export function fromContact(c: Contact): FormState {
  return {
    prefix: c.prefix,
    givenName: c.givenName,
    familyName: c.familyName,
    nickname: c.nickname,
    company: c.company,
    jobTitle: c.jobTitle,
    emails: c.emails.length ? c.emails.map((e) => ({ ...e })) : [{ label: 'work', value: '' }],
    phones: c.phones.length ? c.phones.map((p) => ({ ...p })) : [{ label: 'mobile', value: '' }],
    addresses: c.addresses.map((a) => ({ ...a })),
    birthdayDay: c.birthday ? String(c.birthday.day) : '',
    birthdayMonth: c.birthday ? String(c.birthday.month) : '',
    birthdayYear: c.birthday?.year ? String(c.birthday.year) : '',
    customerSince: c.customerSince ?? '',
    keepInTouchDays: c.keepInTouchDays === null ? '' : String(c.keepInTouchDays),
    family: c.family,
    interests: c.interests,
    talkingPoints: c.talkingPoints,
    notes: c.notes,
    tags: c.tags.join(', '),
  };
}

/** For each row sent to Rust, the index of the form row it came from. */
export type IndexMap = { emails: number[]; phones: number[]; addresses: number[] };

export function parseTags(s: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of s.split(',')) {
    const t = raw.trim();
    if (!t || seen.has(t.toLowerCase())) continue;
    seen.add(t.toLowerCase());
    out.push(t);
  }
  return out;
}

function addressBlank(a: PostalAddress): boolean {
  return !a.street.trim() && !a.city.trim() && !a.region.trim() && !a.postalCode.trim() && !a.country.trim();
}

/**
 * Build the ContactInput. Blank email/phone/address rows are dropped; a
 * birthday needs a day and a month, the year is optional. Problems the UI can
 * see by itself come back as `errors` (field names as Rust uses them).
 */
export function toInput(s: FormState): { input: ContactInput; indexMap: IndexMap; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const indexMap: IndexMap = { emails: [], phones: [], addresses: [] };
  const emails: LabeledValue[] = [];
  s.emails.forEach((e, i) => {
    if (!e.value.trim()) return;
    indexMap.emails.push(i);
    emails.push({ label: e.label, value: e.value.trim() });
  });
  const phones: LabeledValue[] = [];
  s.phones.forEach((p, i) => {
    if (!p.value.trim()) return;
    indexMap.phones.push(i);
    phones.push({ label: p.label, value: p.value.trim() });
  });
  const addresses: PostalAddress[] = [];
  s.addresses.forEach((a, i) => {
    if (addressBlank(a)) return;
    indexMap.addresses.push(i);
    addresses.push({
      label: a.label,
      street: a.street.trim(),
      city: a.city.trim(),
      region: a.region.trim(),
      postalCode: a.postalCode.trim(),
      country: a.country.trim(),
    });
  });

  let birthday: ContactInput['birthday'] = null;
  const day = s.birthdayDay.trim();
  const month = s.birthdayMonth.trim();
  const year = s.birthdayYear.trim();
  if (day || month || year) {
    if (!day || !month) {
      errors.push({ field: 'birthday', message: 'Choose both a day and a month (the year is optional).' });
    } else if (year && !/^\d{4}$/.test(year)) {
      errors.push({ field: 'birthday', message: 'Write the year with four digits, or leave it empty.' });
    } else {
      birthday = { day: Number(day), month: Number(month), year: year ? Number(year) : null };
    }
  }

  let keepInTouchDays: number | null = null;
  const kit = s.keepInTouchDays.trim();
  if (kit) {
    if (!/^\d+$/.test(kit) || Number(kit) < 1) {
      errors.push({ field: 'keepInTouchDays', message: 'Write a whole number of days, like 30, or leave it empty.' });
    } else {
      keepInTouchDays = Number(kit);
    }
  }

  const input: ContactInput = {
    givenName: s.givenName.trim(),
    familyName: s.familyName.trim(),
    prefix: s.prefix.trim(),
    nickname: s.nickname.trim(),
    company: s.company.trim(),
    jobTitle: s.jobTitle.trim(),
    emails,
    phones,
    addresses,
    birthday,
    customerSince: s.customerSince.trim() || null,
    family: s.family,
    interests: s.interests,
    talkingPoints: s.talkingPoints,
    notes: s.notes,
    tags: parseTags(s.tags),
    keepInTouchDays,
  };
  return { input, indexMap, errors };
}

/**
 * Where each error goes in the form: "emails.1" from Rust refers to the second
 * email sent, which may be the third form row when a blank row was dropped.
 * Errors for fields the form does not know land under "_form".
 */
export function mapFieldErrors(fields: FieldError[], indexMap: IndexMap): Map<string, string> {
  const out = new Map<string, string>();
  const add = (key: string, msg: string) => {
    const prev = out.get(key);
    out.set(key, prev ? `${prev} ${msg}` : msg);
  };
  for (const { field, message } of fields) {
    const m = /^(emails|phones|addresses)\.(\d+)/.exec(field);
    if (m) {
      const list = m[1] as keyof IndexMap;
      const formIndex = indexMap[list][Number(m[2])];
      add(formIndex === undefined ? list : `${list}.${formIndex}`, message);
    } else if (KNOWN_FIELDS.has(field)) {
      add(field, message);
    } else {
      add('_form', message);
    }
  }
  return out;
}

const KNOWN_FIELDS = new Set([
  'givenName',
  'familyName',
  'prefix',
  'nickname',
  'company',
  'jobTitle',
  'emails',
  'phones',
  'addresses',
  'birthday',
  'customerSince',
  'family',
  'interests',
  'talkingPoints',
  'notes',
  'tags',
  'keepInTouchDays',
]);
