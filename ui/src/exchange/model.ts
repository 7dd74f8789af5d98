// Pure helpers for the exchange screens: labels, the column mapping, and the side-by-side
// comparison of two contacts (which fields differ, and what the owner picked).
import type { Column, ColumnMapping, ContactInput, ExportFormat, FieldPick, MergeField, PostalAddress, Target } from '../api/bindings';
import { formatBirthday } from '../shared/dates';

/** Export formats as the owner sees them; vCard comes in two versions. */
export type FormatChoice = 'csv' | 'xlsx' | 'vcard4' | 'vcard3';
export const FORMAT_CHOICES: [FormatChoice, string][] = [
  ['csv', 'CSV (Excel, LibreOffice, accounting programs)'],
  ['xlsx', 'Excel workbook (.xlsx)'],
  ['vcard4', 'vCard 4.0 (address books)'],
  ['vcard3', 'vCard 3.0 (older address books)'],
];
export function exportFormat(choice: FormatChoice): ExportFormat {
  return choice === 'vcard3' || choice === 'vcard4' ? 'vcard' : choice;
}
export function extension(choice: FormatChoice): string {
  return choice === 'csv' ? 'csv' : choice === 'xlsx' ? 'xlsx' : 'vcf';
}
/** The same path with another extension (the owner's folder and name are kept). */
export function withExtension(path: string, ext: string): string {
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  const dot = path.lastIndexOf('.');
  return dot > slash + 1 ? `${path.slice(0, dot)}.${ext}` : `${path}.${ext}`;
}

export const COLUMN_LABELS: Record<Column, string> = {
  displayName: 'Name',
  prefix: 'Prefix',
  givenName: 'First name',
  familyName: 'Last name',
  nickname: 'Nickname',
  company: 'Company',
  jobTitle: 'Job title',
  email: 'Email',
  email2: 'Second email',
  phone: 'Phone',
  phone2: 'Second phone',
  street: 'Street',
  city: 'City',
  region: 'Region',
  postalCode: 'Postal code',
  country: 'Country',
  birthday: 'Birthday',
  customerSince: 'Customer since',
  tags: 'Tags',
  notes: 'Notes',
  family: 'Family',
  interests: 'Interests',
  talkingPoints: 'Talking points',
};
/** What the accountant needs; no personal details (the core's default too). */
export const DEFAULT_COLUMNS: Column[] = [
  'displayName',
  'company',
  'email',
  'phone',
  'street',
  'city',
  'region',
  'postalCode',
  'country',
  'customerSince',
  'tags',
];
export const COLUMN_GROUPS: [string, Column[]][] = [
  ['Name and company', ['displayName', 'prefix', 'givenName', 'familyName', 'nickname', 'company', 'jobTitle']],
  ['How to reach them', ['email', 'email2', 'phone', 'phone2', 'street', 'city', 'region', 'postalCode', 'country']],
  ['Dates and tags', ['customerSince', 'birthday', 'tags']],
  ['Personal (private)', ['notes', 'family', 'interests', 'talkingPoints']],
];

export const TARGET_LABELS: [Target, string][] = [
  ['ignore', 'Not imported'],
  ['fullName', 'Full name'],
  ['attentionTo', 'Attention to (a person)'],
  ['prefix', 'Prefix'],
  ['givenName', 'First name'],
  ['middleName', 'Middle name'],
  ['familyNamePrefix', 'Last name particle (van, de)'],
  ['familyName', 'Last name'],
  ['nickname', 'Nickname'],
  ['company', 'Company'],
  ['jobTitle', 'Job title'],
  ['email', 'Email'],
  ['emailLabel', 'Email label'],
  ['phone', 'Phone'],
  ['phoneLabel', 'Phone label'],
  ['street', 'Street'],
  ['houseNumber', 'House number'],
  ['streetMore', 'Street, more lines'],
  ['city', 'City'],
  ['region', 'Region'],
  ['postalCode', 'Postal code'],
  ['country', 'Country'],
  ['addressLabel', 'Address label'],
  ['birthday', 'Birthday'],
  ['customerSince', 'Customer since'],
  ['tags', 'Tags'],
  ['notes', 'Notes'],
  ['family', 'Family'],
  ['interests', 'Interests'],
  ['talkingPoints', 'Talking points'],
];

const MULTI: Target[] = ['email', 'emailLabel', 'phone', 'phoneLabel'];

/**
 * The mapping with column `index` sent to `target`. Emails and phones get the next free
 * number (a second "Email" column is the second email); everything else goes to the first.
 */
export function remap(mapping: ColumnMapping[], index: number, target: Target): ColumnMapping[] {
  const next = mapping.map((m) => ({ ...m }));
  let slot = 1;
  if (MULTI.includes(target)) {
    const used = new Set(next.filter((m, i) => i !== index && m.target === target).map((m) => m.slot));
    while (used.has(slot)) slot += 1;
  }
  next[index] = { ...next[index], target, slot };
  return next;
}

export const FORMAT_NAMES: Record<string, string> = {
  auto: 'Detect',
  google: 'Google Contacts CSV',
  outlook: 'Outlook CSV',
  csv: 'Spreadsheet CSV',
  vcard: 'vCard',
};

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export function addressText(a: PostalAddress): string {
  return [a.street, [a.postalCode, a.city].filter(Boolean).join(' '), a.region, a.country].filter(Boolean).join(', ');
}

export const MERGE_FIELDS: [MergeField, string][] = [
  ['givenName', 'First name'],
  ['familyName', 'Last name'],
  ['prefix', 'Prefix'],
  ['nickname', 'Nickname'],
  ['company', 'Company'],
  ['jobTitle', 'Job title'],
  ['birthday', 'Birthday'],
  ['customerSince', 'Customer since'],
  ['keepInTouchDays', 'Keep in touch (days)'],
  ['family', 'Family'],
  ['interests', 'Interests'],
  ['talkingPoints', 'Talking points'],
  ['notes', 'Notes'],
];

/** A single-valued field as text, for showing and comparing. */
export function fieldText(input: ContactInput, field: MergeField): string {
  switch (field) {
    case 'birthday':
      return input.birthday ? formatBirthday(input.birthday) : '';
    case 'customerSince':
      return input.customerSince ?? '';
    case 'keepInTouchDays':
      return input.keepInTouchDays ? String(input.keepInTouchDays) : '';
    default:
      return (input[field] ?? '').trim();
  }
}

export type FieldRow = { field: MergeField; label: string; mine: string; theirs: string; differs: boolean };

/** Every field either side has, marking the ones that differ (those get a choice). */
export function compareFields(mine: ContactInput, theirs: ContactInput): FieldRow[] {
  return MERGE_FIELDS.map(([field, label]) => {
    const a = fieldText(mine, field);
    const b = fieldText(theirs, field);
    return { field, label, mine: a, theirs: b, differs: a !== b };
  }).filter((r) => r.mine !== '' || r.theirs !== '');
}

/** The preselected side: the stored value, unless it is empty. */
export function defaultIncoming(row: FieldRow): boolean {
  return row.mine === '' && row.theirs !== '';
}

export function picksFrom(rows: FieldRow[], chosen: Map<MergeField, boolean>): FieldPick[] {
  return rows.filter((r) => r.differs).map((r) => ({ field: r.field, incoming: chosen.get(r.field) ?? defaultIncoming(r) }));
}

/** Lists are combined in a merge: the values of `theirs` not already in `mine`. */
export function addedValues(mine: string[], theirs: string[], key: (v: string) => string = (v) => v.trim().toLowerCase()): string[] {
  const have = new Set(mine.map(key));
  return theirs.filter((v) => !have.has(key(v)));
}
/**
 * What a phone number is compared by, as the import and merges do: its digits without an
 * international or trunk prefix, the last nine of them (+34 600 111 222 is 600 111 222).
 */
export const phoneDigits = (v: string) =>
  v
    .replace(/\D/g, '')
    .replace(/^00|^0/, '')
    .slice(-9);

/** The detected delimiter as the owner knows it. */
export function describeDelimiter(d: string | null): string {
  return d === 'semicolon' ? 'semicolon (;)' : d === 'tab' ? 'tab' : d === 'comma' ? 'comma (,)' : '—';
}
