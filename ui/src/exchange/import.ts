// Import: choose a file (picker or drop) → how it reads and where each column goes, with the
// first rows as they will be stored → a dry run: what is added, refused (line and reason), and
// each duplicate side by side with skip / merge field by field / keep both → one transaction.
import type { ColumnMapping, DuplicateChoice, DuplicateRow, ImportFormat, ImportPreview, ImportReport, OnDuplicate, PreviewRow, Target } from '../api/bindings';
import * as ipc from '../api/ipc';
import { type Child, el, replaceChildren } from '../shared/dom';
import { formatBirthday, plural } from '../shared/dates';
import { bookChanged } from '../shared/events';
import { href } from '../shared/router';
import { compareContacts, type Comparison } from './compare';
import { FORMAT_NAMES, TARGET_LABELS, addressText, describeDelimiter, remap } from './model';

type Picked = { name: string; path: string };
/** What the owner decided for one duplicate: `chosen` once they chose for it alone. */
type Decision = { action: OnDuplicate; chosen: boolean; comparison: Comparison; set: (action: OnDuplicate) => void };
const ACTIONS: [OnDuplicate, string][] = [
  ['skip', 'Skip this row'],
  ['merge', 'Merge into the contact'],
  ['keep', 'Keep both'],
];
const ACTIONS_FOR_ALL: [OnDuplicate, string][] = [
  ['skip', 'Skip them'],
  ['merge', 'Merge each into its contact'],
  ['keep', 'Keep both'],
];
/** Duplicates shown at once, and refused rows listed: the rest are counted. */
const DUPLICATES_PER_PAGE = 25;
const REFUSED_SHOWN = 200;

export function renderImport(panel: HTMLElement): void {
  const steps = el(
    'ol',
    { class: 'steps', testid: 'import-steps' },
    ...['Choose a file', 'Columns and preview', 'Duplicates and check', 'Done'].map((s) => el('li', { text: s })),
  );
  const body = el('div', { class: 'import-body' });
  replaceChildren(
    panel,
    el('p', {
      class: 'lead',
      text: 'Bring in contacts from Google Contacts, Outlook, a phone (vCard) or any spreadsheet. Nothing is stored until the last step, and then all at once.',
    }),
    steps,
    body,
  );
  const step = (n: number) =>
    Array.from(steps.children).forEach((li, i) => {
      li.classList.toggle('current', i === n);
      li.classList.toggle('done', i < n);
    });

  chooseFile();

  function chooseFile() {
    step(0);
    const input = el('input', {
      type: 'file',
      class: 'visually-hidden',
      testid: 'import-file',
      // Reached through "Choose a file": out of the Tab order and of what a screen reader reads.
      attrs: { accept: '.csv,.tsv,.txt,.vcf,.vcard,text/csv,text/vcard', tabindex: '-1', 'aria-hidden': 'true' },
    });
    const status = el('p', { class: 'muted', testid: 'import-file-status' });
    const take = async (file: File | undefined) => {
      if (!file) return;
      status.textContent = `Reading ${file.name}…`;
      try {
        const path = await ipc.stageFile(file);
        await showMapping({ name: file.name, path }, 'auto', null);
      } catch (e) {
        status.textContent = '';
        replaceChildren(status, el('span', { class: 'form-error', testid: 'import-error', text: ipc.toAppError(e).message }));
      }
    };
    input.addEventListener('change', () => void take(input.files?.[0]));
    const drop = el(
      'div',
      { class: 'drop-zone import-drop', testid: 'import-drop' },
      el('p', { class: 'drop-title', text: 'Drop a CSV or vCard file here' }),
      el('p', {
        class: 'muted',
        text: 'Google Contacts: Export → Google CSV. Outlook: File → Export → CSV. iPhone or Android: share contacts as a .vcf file.',
      }),
      el('button', { type: 'button', class: 'btn btn-primary', testid: 'import-choose', text: 'Choose a file…', on: { click: () => input.click() } }),
      input,
      status,
    );
    drop.addEventListener('dragover', (e) => {
      e.preventDefault();
      drop.classList.add('drag-over');
    });
    drop.addEventListener('dragleave', () => drop.classList.remove('drag-over'));
    drop.addEventListener('drop', (e) => {
      e.preventDefault();
      drop.classList.remove('drag-over');
      void take(e.dataTransfer?.files[0]);
    });
    replaceChildren(body, drop);
  }

  async function showMapping(file: Picked, format: ImportFormat, mapping: ColumnMapping[] | null) {
    step(1);
    let preview: ImportPreview;
    try {
      preview = await ipc.importPreview(file.path, format, mapping);
    } catch (e) {
      const err = ipc.toAppError(e);
      replaceChildren(
        body,
        el(
          'div',
          { class: 'card' },
          el('p', { class: 'form-error', testid: 'import-error', text: err.message }),
          el(
            'div',
            { class: 'actions' },
            el('button', { type: 'button', class: 'btn', text: 'Choose another file', on: { click: chooseFile } }),
            mapping && el('button', { type: 'button', class: 'btn', text: 'Reset the columns', on: { click: () => void showMapping(file, format, null) } }),
          ),
        ),
      );
      return;
    }
    const formatSelect = el(
      'select',
      { class: 'input', testid: 'import-format', attrs: { 'aria-label': 'Read as' } },
      ...(['auto', 'google', 'outlook', 'csv', 'vcard'] as ImportFormat[]).map((f) =>
        el('option', { value: f, text: f === 'auto' ? `Detected: ${FORMAT_NAMES[preview.format]}` : FORMAT_NAMES[f] }),
      ),
    );
    formatSelect.value = format;
    formatSelect.addEventListener('change', () => void showMapping(file, formatSelect.value as ImportFormat, null));

    // Each fact a <div> of its own, so the row wraps where the window is narrow (or the text large).
    const fact = (term: string, ...value: Child[]) => el('div', null, el('dt', { text: term }), el('dd', null, ...value));
    const facts = el(
      'dl',
      { class: 'facts', testid: 'import-facts' },
      fact('File', file.name),
      fact('Read as', formatSelect),
      fact('Encoding', el('span', { testid: 'import-encoding', text: preview.encoding })),
      fact('Delimiter', el('span', { testid: 'import-delimiter', text: describeDelimiter(preview.delimiter) })),
      fact('Contacts', el('span', { testid: 'import-count', text: String(preview.totalRows) })),
    );

    const mappingList =
      preview.headers.length === 0
        ? null
        : el(
            'ul',
            { class: 'mapping', testid: 'import-mapping' },
            ...preview.mapping.map((m, i) => {
              const select = el(
                'select',
                { class: 'input', testid: `map-${i}`, attrs: { 'aria-label': `Where “${m.header}” goes` } },
                ...TARGET_LABELS.map(([t, label]) => el('option', { value: t, text: label })),
              );
              select.value = m.target;
              select.addEventListener('change', () => void showMapping(file, format, remap(preview.mapping, i, select.value as Target)));
              const numbered = m.target !== 'ignore' && preview.mapping.some((o, j) => j !== i && o.target === m.target);
              return el(
                'li',
                { class: m.target === 'ignore' ? 'ignored' : '', testid: 'mapping-row', attrs: { 'data-header': m.header } },
                el('span', { class: 'mapping-header', text: m.header || `(column ${i + 1})`, attrs: { title: m.header } }),
                el('span', { class: 'mapping-arrow', text: '→' }),
                select,
                el('span', { class: 'mapping-slot', text: numbered ? `#${m.slot}` : '' }),
              );
            }),
          );

    const previewTable = el(
      'table',
      { class: 'data-table preview', testid: 'import-preview' },
      el(
        'thead',
        null,
        el(
          'tr',
          null,
          ...['Line', 'Name', 'Company', 'Email', 'Phone', 'Address', 'Birthday', 'Tags'].map((h) => el('th', { text: h })),
          el('th', null, el('span', { class: 'visually-hidden', text: 'Problem' })),
        ),
      ),
      el('tbody', null, ...preview.rows.map(previewRow)),
    );

    const check = el('button', { type: 'button', class: 'btn btn-primary', testid: 'import-check', text: 'Next: check for duplicates' });
    check.addEventListener('click', () => void dryRun(file, format, preview.headers.length ? preview.mapping : null));
    // Nothing can come in while every column is left out; the note above says what to do.
    check.disabled = preview.headers.length > 0 && preview.mapping.every((m) => m.target === 'ignore');
    replaceChildren(
      body,
      el('section', { class: 'card' }, facts, ...preview.notes.map((n) => el('p', { class: 'hint', text: n }))),
      el(
        'section',
        { class: 'card preview-card' },
        el('h2', { class: 'card-title', text: `The first ${plural(preview.rows.length, 'contact')} as they will be stored` }),
        // Focusable, so a table wider than the window can be scrolled from the keyboard.
        el('div', { class: 'table-scroll', attrs: { tabindex: '0', role: 'region', 'aria-label': 'Preview of the contacts' } }, previewTable),
      ),
      mappingList &&
        el(
          'section',
          { class: 'card' },
          el('h2', { class: 'card-title', text: 'Where each column goes' }),
          el('p', { class: 'muted small', text: 'Change a column and the preview above follows. Columns marked “not imported” are left out.' }),
          mappingList,
        ),
      el('div', { class: 'actions' }, el('button', { type: 'button', class: 'btn', text: 'Back', on: { click: chooseFile } }), check),
    );
  }

  function previewRow(row: PreviewRow): HTMLElement {
    const i = row.input;
    const problem = row.problems.join('; ');
    return el(
      'tr',
      { class: problem ? 'refused' : '', testid: 'import-preview-row' },
      el('td', { class: 'num', text: String(row.line) }),
      el('td', { testid: 'preview-name', text: row.displayName }),
      el('td', { text: i.company }),
      el('td', { text: i.emails.map((e) => e.value).join(', ') }),
      el('td', { text: i.phones.map((p) => p.value).join(', ') }),
      el('td', { text: i.addresses.map(addressText).join(' · ') }),
      el('td', { text: formatBirthday(i.birthday) }),
      el('td', { text: i.tags.join(', ') }),
      el('td', { class: 'problem', text: problem ? `Refused: ${problem}` : '' }),
    );
  }

  async function dryRun(file: Picked, format: ImportFormat, mapping: ColumnMapping[] | null) {
    step(2);
    const checking = el('progress', { class: 'progress', testid: 'import-check-progress' });
    replaceChildren(body, el('p', { class: 'muted', text: 'Checking every row…' }), checking);
    let report: ImportReport;
    try {
      report = await ipc.importContacts(file.path, { format, onDuplicate: 'skip', dryRun: true, mapping, choices: [] }, (n, total) => {
        if (total > 0) {
          checking.max = total;
          checking.value = n;
        }
      });
    } catch (e) {
      replaceChildren(
        body,
        el('p', { class: 'form-error', testid: 'import-error', text: ipc.toAppError(e).message }),
        el('button', { type: 'button', class: 'btn', text: 'Back', on: { click: () => void showMapping(file, format, mapping) } }),
      );
      return;
    }
    // Every duplicate follows the choice for all, unless the owner chose for it alone. The cards
    // are shown a page at a time: a file imported again can hold thousands.
    let forAll: OnDuplicate = 'skip';
    const decisions = new Map<number, Decision>();
    const cards = el('div', { class: 'duplicate-cards' });
    const more = el('button', { type: 'button', class: 'btn', testid: 'dup-more' });
    const found = report.duplicatesFound;
    const unlisted = el('p', { class: 'hint', testid: 'dup-unlisted' });
    const showMore = () => {
      const shown = decisions.size;
      for (const d of report.duplicates.slice(shown, shown + DUPLICATES_PER_PAGE)) cards.append(duplicateCard(d, decisions, forAll));
      const listed = report.duplicates.length - decisions.size;
      more.hidden = listed === 0;
      more.textContent = `Show ${Math.min(listed, DUPLICATES_PER_PAGE)} more (${found - decisions.size} not shown follow the choice for all)`;
      unlisted.hidden = listed > 0 || found === decisions.size;
      unlisted.textContent = `${plural(found - decisions.size, 'more duplicate')} not shown here follow the choice for all.`;
    };
    more.addEventListener('click', showMore);
    showMore();
    const allChoices = el(
      'div',
      { class: 'segmented', testid: 'dup-all', attrs: { role: 'radiogroup', 'aria-label': 'For every duplicate' } },
      ...ACTIONS_FOR_ALL.map(([action, label]) => {
        const radio = el('input', { type: 'radio', name: 'dup-all', value: action, checked: action === forAll, testid: `dup-all-${action}` });
        radio.addEventListener('change', () => {
          forAll = action;
          for (const decision of decisions.values()) if (!decision.chosen) decision.set(action);
        });
        return el('label', null, radio, el('span', { text: label }));
      }),
    );
    const duplicates =
      found === 0
        ? null
        : el(
            'section',
            { class: 'duplicates', testid: 'import-duplicates' },
            el('h2', { class: 'section-title', text: 'Already in your book' }),
            found > 1 && el('div', { class: 'dup-all' }, el('span', { class: 'dup-all-label', text: `For all ${found} duplicates:` }), allChoices),
            el('p', {
              class: 'hint',
              text:
                found > 1
                  ? 'Choose for one below to make an exception; a merge lets you pick, field by field, which value stays.'
                  : 'A merge lets you pick, field by field, which value stays.',
            }),
            cards,
            more,
            unlisted,
          );
    const refused =
      report.refused.length === 0
        ? null
        : el(
            'section',
            { class: 'card', testid: 'import-refused' },
            el('h2', { class: 'card-title', text: `${plural(report.refused.length, 'row')} will not be imported` }),
            el(
              'table',
              { class: 'data-table' },
              el('thead', null, el('tr', null, el('th', { text: 'Line' }), el('th', { text: 'Why' }))),
              el(
                'tbody',
                null,
                ...report.refused
                  .slice(0, REFUSED_SHOWN)
                  .map((r) => el('tr', null, el('td', { class: 'num', text: String(r.line) }), el('td', { text: r.reason }))),
              ),
            ),
            report.refused.length > REFUSED_SHOWN &&
              el('p', {
                class: 'hint',
                testid: 'import-refused-more',
                text: `…and ${plural(report.refused.length - REFUSED_SHOWN, 'more row')}. \`rapport import FILE --dry-run\` lists them all with their reasons.`,
              }),
          );
    const run = el('button', { type: 'button', class: 'btn btn-primary', testid: 'import-run', text: 'Import' });
    const progress = el('progress', { class: 'progress', hidden: true, testid: 'import-progress' });
    const cancel = el('button', {
      type: 'button',
      class: 'btn',
      testid: 'import-cancel',
      text: 'Cancel',
      hidden: true,
      on: { click: () => void ipc.cancelExchange() },
    });
    run.addEventListener('click', async () => {
      run.disabled = true;
      cancel.hidden = false;
      progress.hidden = false;
      progress.removeAttribute('value');
      const choices: DuplicateChoice[] = [...decisions].map(([line, d]) => ({
        line,
        action: d.action,
        picks: d.action === 'merge' ? d.comparison.picks() : [],
      }));
      try {
        const done = await ipc.importContacts(file.path, { format, onDuplicate: forAll, dryRun: false, mapping, choices }, (n, total) => {
          if (total > 0) {
            progress.max = total;
            progress.value = n;
          }
        });
        bookChanged();
        finished(done);
      } catch (e) {
        run.disabled = false;
        cancel.hidden = true;
        progress.hidden = true;
        const err = ipc.toAppError(e);
        replaceChildren(
          errorBox,
          err.code === 'cancelled'
            ? el('p', { class: 'muted', testid: 'import-cancelled', text: err.message })
            : el('p', { class: 'form-error', testid: 'import-error', text: `Nothing was imported. ${err.message}` }),
        );
      }
    });
    const errorBox = el('div');
    replaceChildren(
      body,
      el(
        'section',
        { class: 'card summary', testid: 'import-summary' },
        el('h2', { class: 'card-title', text: 'Checked — nothing is stored yet' }),
        el(
          'ul',
          { class: 'summary-counts' },
          el('li', null, el('strong', { testid: 'summary-added', text: String(report.added) }), ' new'),
          el('li', null, el('strong', { testid: 'summary-duplicates', text: String(report.duplicatesFound) }), ' already in your book'),
          el('li', null, el('strong', { testid: 'summary-refused', text: String(report.refused.length) }), ' refused'),
        ),
        ...report.notes.map((n) => el('p', { class: 'hint', text: n })),
      ),
      refused,
      duplicates,
      errorBox,
      el(
        'div',
        { class: 'actions sticky-actions' },
        el('button', { type: 'button', class: 'btn', text: 'Back', on: { click: () => void showMapping(file, format, mapping) } }),
        run,
        cancel,
        progress,
      ),
    );
  }

  function duplicateCard(d: DuplicateRow, decisions: Map<number, Decision>, forAll: OnDuplicate): HTMLElement {
    const comparison = compareContacts(d.existing, d.incoming, {
      mine: d.existingId === null ? 'Earlier row in this file' : d.existingArchived ? 'In your book (archived)' : 'In your book',
      theirs: `From the file (line ${d.line})`,
    });
    const name = `dup-${d.line}`;
    const radios = ACTIONS.map(([action, label]) => {
      const radio = el('input', { type: 'radio', name, value: action, checked: action === forAll, testid: `dup-${d.line}-${action}` });
      // A click, not a change: confirming the choice already shown counts as choosing it.
      radio.addEventListener('click', () => {
        decision.chosen = true;
        decision.set(action);
      });
      return { action, radio, label: el('label', null, radio, el('span', { text: label })) };
    });
    const decision: Decision = {
      action: forAll,
      chosen: false,
      comparison,
      set(action) {
        decision.action = action;
        for (const r of radios) r.radio.checked = r.action === action;
        comparison.node.classList.toggle('picks-off', action !== 'merge');
      },
    };
    decision.set(forAll);
    decisions.set(d.line, decision);
    const choices = el('div', { class: 'segmented', attrs: { role: 'radiogroup', 'aria-label': `Line ${d.line}` } }, ...radios.map((r) => r.label));
    return el(
      'section',
      { class: 'card duplicate', testid: 'import-duplicate', attrs: { 'data-line': d.line } },
      el(
        'div',
        { class: 'duplicate-head' },
        el('h3', { text: `Line ${d.line}: ${[d.incoming.givenName, d.incoming.familyName].filter(Boolean).join(' ') || d.incoming.company || '(no name)'}` }),
        el('span', { class: 'chip chip-warn', text: d.reason }),
      ),
      choices,
      comparison.node,
    );
  }

  function finished(report: ImportReport) {
    step(3);
    replaceChildren(
      body,
      el(
        'section',
        { class: 'card result-ok', testid: 'import-done' },
        el('p', { class: 'result-title', text: 'Imported.' }),
        el('p', {
          testid: 'import-done-counts',
          text: `${plural(report.added, 'contact')} added, ${report.merged} merged, ${report.skipped} skipped, ${report.refused.length} refused.`,
        }),
        el(
          'div',
          { class: 'actions' },
          el('a', { class: 'btn btn-primary', href: href({ name: 'contacts' }), text: 'Show contacts' }),
          el('button', { type: 'button', class: 'btn', text: 'Import another file', on: { click: chooseFile } }),
        ),
      ),
    );
  }
}
