// Export for the accountant (CSV, XLSX) or an address book (vCard): format, profile, columns,
// tag, delimiter, destination; the work runs off the UI thread with a progress bar.
import type { Column, ExportOptions, Profile, TagCount } from '../api/bindings';
import * as ipc from '../api/ipc';
import { el, replaceChildren } from '../shared/dom';
import { showError } from '../shared/toast';
import { plural } from '../shared/dates';
import { COLUMN_GROUPS, COLUMN_LABELS, DEFAULT_COLUMNS, FORMAT_CHOICES, exportFormat, extension, withExtension, type FormatChoice } from './model';

const PROFILES: [Profile, string][] = [
  ['plain', 'Plain (our column names)'],
  ['quickbooks', 'QuickBooks Online customers'],
  ['xero', 'Xero contacts'],
];
const DELIMITERS: [string, string][] = [
  [',', 'Comma ,'],
  [';', 'Semicolon ; (Excel in most of Europe)'],
  ['\t', 'Tab'],
];

const field = (label: string, control: HTMLElement, hint?: string) =>
  el('label', { class: 'field' }, el('span', { class: 'label', text: label }), control, hint && el('span', { class: 'hint', text: hint }));

export async function renderExport(panel: HTMLElement): Promise<void> {
  const [tags, firstPath] = await Promise.all([ipc.listTags(), ipc.exportDestination('csv')]);
  const format = el('select', { class: 'input', testid: 'export-format' }, ...FORMAT_CHOICES.map(([v, t]) => el('option', { value: v, text: t })));
  const profile = el('select', { class: 'input', testid: 'export-profile' }, ...PROFILES.map(([v, t]) => el('option', { value: v, text: t })));
  const tag = el(
    'select',
    { class: 'input', testid: 'export-tag' },
    el('option', { value: '', text: 'All active contacts' }),
    ...tags.map((t: TagCount) => el('option', { value: t.name, text: `Tagged “${t.name}” (${t.count})` })),
  );
  const delimiter = el('select', { class: 'input', testid: 'export-delimiter' }, ...DELIMITERS.map(([v, t]) => el('option', { value: v, text: t })));
  const destination = el('input', {
    class: 'input mono',
    value: firstPath,
    testid: 'export-destination',
    attrs: { spellcheck: false, 'aria-label': 'Save to' },
  });
  let destinationEdited = false;
  destination.addEventListener('input', () => (destinationEdited = true));
  const browse = el('button', { type: 'button', class: 'btn', testid: 'export-browse', text: 'Choose…' });
  browse.addEventListener('click', async () => {
    const choice = format.value as FormatChoice;
    const kind = FORMAT_CHOICES.find(([v]) => v === choice)?.[1] ?? 'Export';
    try {
      const path = await ipc.chooseSavePath(destination.value, { name: kind, extensions: [extension(choice)] }, 'Export contacts to');
      if (path) {
        destination.value = withExtension(path, extension(choice));
        destinationEdited = true;
      }
    } catch (e) {
      showError(e);
    }
  });

  const boxes = new Map<Column, HTMLInputElement>();
  const columnGroups = COLUMN_GROUPS.map(([title, columns]) =>
    el(
      'fieldset',
      { class: 'column-group' },
      el('legend', { text: title }),
      ...columns.map((c) => {
        const box = el('input', { type: 'checkbox', class: 'checkbox', checked: DEFAULT_COLUMNS.includes(c), testid: `export-column-${c}` });
        boxes.set(c, box);
        return el('label', { class: 'check' }, box, COLUMN_LABELS[c]);
      }),
    ),
  );
  const columnPicker = el(
    'div',
    { class: 'field' },
    el('span', { class: 'label', text: 'Columns' }),
    el('div', { class: 'column-groups' }, ...columnGroups),
    el(
      'div',
      { class: 'inline-actions' },
      el('button', {
        type: 'button',
        class: 'btn btn-link',
        text: 'Accountant’s default',
        on: {
          click: () =>
            boxes.forEach((b, c) => {
              b.checked = DEFAULT_COLUMNS.includes(c);
            }),
        },
      }),
      el('button', {
        type: 'button',
        class: 'btn btn-link',
        text: 'All columns',
        on: {
          click: () =>
            boxes.forEach((b) => {
              b.checked = true;
            }),
        },
      }),
    ),
  );

  const spreadsheetOnly = [field('Profile', profile, 'Column names and length limits of the program that will read the file.'), columnPicker];
  const csvOnly = field('Delimiter', delimiter);

  const progress = el('progress', { class: 'progress', testid: 'export-progress', hidden: true });
  const result = el('div', { class: 'result', testid: 'export-result', attrs: { role: 'status', 'aria-live': 'polite' } });
  const button = el('button', { type: 'submit', class: 'btn btn-primary', testid: 'export-run', text: 'Export' });

  async function onFormat() {
    const choice = format.value as FormatChoice;
    const isVcard = exportFormat(choice) === 'vcard';
    for (const n of spreadsheetOnly) n.hidden = isVcard;
    csvOnly.hidden = choice !== 'csv';
    destination.value = destinationEdited ? withExtension(destination.value, extension(choice)) : await ipc.exportDestination(exportFormat(choice));
  }
  format.addEventListener('change', () => void onFormat());

  function options(): ExportOptions {
    const choice = format.value as FormatChoice;
    return {
      format: exportFormat(choice),
      profile: profile.value as Profile,
      columns: [...boxes].filter(([, b]) => b.checked).map(([c]) => c),
      tag: tag.value || null,
      delimiter: delimiter.value,
      vcardVersion: choice === 'vcard3' ? 'v3' : 'v4',
    };
  }

  async function run() {
    const opts = options();
    if (opts.format !== 'vcard' && opts.columns.length === 0) {
      replaceChildren(result, el('p', { class: 'form-error', text: 'Tick at least one column.' }));
      return;
    }
    const out = destination.value.trim();
    if (!out) {
      replaceChildren(result, el('p', { class: 'form-error', text: 'Type where the file should go.' }));
      destination.focus();
      return;
    }
    button.disabled = true;
    cancel.hidden = false;
    progress.hidden = false;
    progress.removeAttribute('value'); // indeterminate until the first count arrives
    replaceChildren(result, el('p', { class: 'muted', text: 'Exporting…' }));
    try {
      const done = await ipc.exportContacts(opts, out, (n, total) => {
        if (total > 0) {
          progress.max = total;
          progress.value = n;
        }
      });
      replaceChildren(
        result,
        el(
          'div',
          { class: 'result-ok', testid: 'export-done' },
          el('p', { class: 'result-title', text: `Exported ${plural(done.contacts, 'contact')}.` }),
          el('p', null, 'Saved to ', el('code', { testid: 'export-path', text: done.path })),
          done.shortenedValues > 0 && el('p', { class: 'muted', text: `${plural(done.shortenedValues, 'value')} were cut to the program’s length limit.` }),
          ...done.notes.map((n) => el('p', { class: 'muted', text: n })),
        ),
      );
    } catch (e) {
      const err = ipc.toAppError(e);
      replaceChildren(
        result,
        err.code === 'cancelled'
          ? el('p', { class: 'muted', testid: 'export-cancelled', text: err.message })
          : el('div', { class: 'form-error', testid: 'export-error' }, el('strong', { text: 'The export did not work. ' }), err.message),
      );
    } finally {
      button.disabled = false;
      cancel.hidden = true;
      progress.hidden = true;
    }
  }
  const cancel = el('button', {
    type: 'button',
    class: 'btn',
    testid: 'export-cancel',
    text: 'Cancel',
    hidden: true,
    on: { click: () => void ipc.cancelExchange() },
  });

  const form = el(
    'form',
    {
      class: 'card exchange-form',
      testid: 'export-form',
      on: {
        submit: (e: Event) => {
          e.preventDefault();
          void run();
        },
      },
    },
    el('div', { class: 'form-row' }, field('Format', format), field('Contacts', tag)),
    ...spreadsheetOnly,
    csvOnly,
    el(
      'div',
      { class: 'field' },
      el('span', { class: 'label', text: 'Save to' }),
      el('div', { class: 'path-row' }, destination, browse),
      el('span', { class: 'hint', text: 'Choose… opens the Save dialog; or type a path. A file of that name is replaced.' }),
    ),
    el('div', { class: 'actions' }, button, cancel, progress),
    result,
  );
  replaceChildren(
    panel,
    el('p', {
      class: 'lead',
      text: 'For the accountant: a file that opens cleanly in Excel with how to reach and bill each customer — and nothing private unless you tick it.',
    }),
    form,
  );
}
