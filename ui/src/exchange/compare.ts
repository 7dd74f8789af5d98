// Two contacts side by side, field by field: where they differ the owner clicks the value to
// keep; emails, phones, addresses and tags are combined. Used for import duplicates and for
// "Merge with…" on a contact page.
import type { ContactInput, FieldPick, MergeField } from '../api/bindings';
import { el, uid } from '../shared/dom';
import { addedValues, addressText, compareFields, defaultIncoming, phoneDigits, picksFrom } from './model';

export type Comparison = { node: HTMLElement; picks: () => FieldPick[] };

export function compareContacts(mine: ContactInput, theirs: ContactInput, labels: { mine: string; theirs: string }): Comparison {
  const rows = compareFields(mine, theirs);
  const chosen = new Map<MergeField, boolean>();
  const group = uid('pick');
  const table = el(
    'table',
    { class: 'compare', testid: 'compare' },
    el(
      'thead',
      null,
      el(
        'tr',
        null,
        el('th', null, el('span', { class: 'visually-hidden', text: 'Field' })),
        el('th', { text: labels.mine }),
        el('th', { text: labels.theirs }),
      ),
    ),
  );
  const body = el('tbody');
  table.append(body);

  for (const row of rows) {
    if (!row.differs) {
      body.append(el('tr', { class: 'compare-same' }, el('th', { text: row.label }), el('td', { attrs: { colspan: 2 }, text: row.mine })));
      continue;
    }
    const name = `${group}-${row.field}`;
    const side = (incoming: boolean, value: string) => {
      const radio = el('input', {
        type: 'radio',
        name,
        checked: defaultIncoming(row) === incoming,
        testid: `pick-${row.field}-${incoming ? 'theirs' : 'mine'}`,
      });
      radio.addEventListener('change', () => chosen.set(row.field, incoming));
      return el(
        'td',
        { class: 'compare-choice' },
        el('label', null, radio, value ? el('span', { text: value }) : el('span', { class: 'muted', text: '(empty)' })),
      );
    };
    body.append(
      el('tr', { class: 'compare-differs', testid: `compare-${row.field}` }, el('th', { text: row.label }), side(false, row.mine), side(true, row.theirs)),
    );
  }

  const lists: [string, string[], string[], ((v: string) => string) | undefined][] = [
    ['Emails', mine.emails.map((e) => e.value), theirs.emails.map((e) => e.value), undefined],
    ['Phones', mine.phones.map((p) => p.value), theirs.phones.map((p) => p.value), phoneDigits],
    ['Addresses', mine.addresses.map(addressText), theirs.addresses.map(addressText), undefined],
    ['Tags', mine.tags, theirs.tags, undefined],
  ];
  for (const [label, a, b, key] of lists) {
    if (a.length === 0 && b.length === 0) continue;
    const added = addedValues(a, b, key);
    body.append(
      el(
        'tr',
        { class: 'compare-list' },
        el('th', { text: label }),
        el('td', null, ...a.map((v) => el('div', { text: v }))),
        el('td', null, ...b.map((v) => el('div', { class: added.includes(v) ? 'compare-added' : 'muted', text: added.includes(v) ? `+ ${v}` : v }))),
      ),
    );
  }
  const node = el(
    'div',
    { class: 'compare-wrap' },
    table,
    el('p', { class: 'hint', text: 'Where the two differ, click the value to keep. Emails, phones, addresses and tags are combined (+ marks what is added).' }),
  );
  return { node, picks: () => picksFrom(rows, chosen) };
}
