// Envelopes and address labels for the batch's recipients, from the Cards screen: the size or
// sheet, the printer offset for labels (saved in the settings, so it is calibrated once), then
// the PDF saved beside the cards, previewed, and who was left out for want of an address.
import type { EnvelopeSize, LabelSheet, PrintedFile, Recipients } from '../api/bindings';
import * as ipc from '../api/ipc';
import { el, replaceChildren } from '../shared/dom';
import { showError } from '../shared/toast';
import { renderPdf } from './preview';

type Piece = `envelope:${EnvelopeSize}` | `labels:${LabelSheet}`;

const PIECES: [Piece, string][] = [
  ['envelope:dl', 'Envelopes DL (220 × 110 mm)'],
  ['envelope:c6', 'Envelopes C6 (162 × 114 mm, for A6 cards)'],
  ['envelope:us10', 'Envelopes US #10'],
  ['envelope:a7', 'Envelopes A7 (for 5 × 7 cards)'],
  ['labels:avery-5160', 'Labels Avery 5160 (US Letter, 30 a sheet)'],
  ['labels:l7160', 'Labels L7160 (A4, 21 a sheet)'],
];

/** "0.5,-1" from the two offset fields; blank fields count as 0. */
export function offsetSetting(x: string, y: string): string {
  const n = (v: string) => (v.trim() === '' ? '0' : v.trim().replace(',', '.'));
  return `${n(x)},${n(y)}`;
}

export function mailPiecesSection(recipients: () => Recipients, batchName: () => string, preview: HTMLElement) {
  const kind = el(
    'select',
    { class: 'input', testid: 'cards-mail-kind', attrs: { 'aria-label': 'Envelopes or labels' } },
    ...PIECES.map(([v, t]) => el('option', { value: v, text: t })),
  );
  const offsetX = el('input', {
    type: 'text',
    class: 'input',
    inputMode: 'decimal',
    size: 4,
    testid: 'cards-offset-x',
    attrs: { 'aria-label': 'Printer offset right (mm)' },
  });
  const offsetY = el('input', {
    type: 'text',
    class: 'input',
    inputMode: 'decimal',
    size: 4,
    testid: 'cards-offset-y',
    attrs: { 'aria-label': 'Printer offset down (mm)' },
  });
  const offsetRow = el(
    'p',
    { class: 'offset-row', hidden: true },
    'Printer offset: ',
    offsetX,
    ' mm right, ',
    offsetY,
    ' mm down ',
    el('span', { class: 'hint', text: '(print one sheet on plain paper, hold it against a label sheet, and enter how far off it is)' }),
  );
  const progress = el('progress', { max: 1, value: 0, hidden: true, testid: 'cards-mail-progress' });
  const out = el('div', { testid: 'cards-mail-result' });
  const make = el('button', { type: 'button', class: 'btn', testid: 'cards-mail-make', text: 'Make envelopes or labels' });
  const cancel = el('button', { type: 'button', class: 'btn', text: 'Cancel', hidden: true, on: { click: () => void ipc.cancelCards() } });

  void ipc
    .getSettings()
    .then((all) => {
      const saved = all.find((s) => s.key === 'label_offset_mm')?.value ?? '';
      const [x, y] = saved.split(',');
      offsetX.value = x ?? '';
      offsetY.value = y ?? '';
    })
    .catch(showError);
  kind.addEventListener('change', () => {
    offsetRow.hidden = !kind.value.startsWith('labels:');
  });

  make.addEventListener('click', async () => {
    const [what, size] = kind.value.split(':');
    make.disabled = true;
    try {
      let made: PrintedFile;
      if (what === 'labels') {
        await ipc.setSetting('label_offset_mm', offsetSetting(offsetX.value, offsetY.value));
        made = await ipc.generateLabels(recipients(), size as LabelSheet, `${batchName()}-labels-${size}`);
      } else {
        progress.hidden = false;
        cancel.hidden = false;
        made = await ipc.generateEnvelopes(recipients(), size as EnvelopeSize, `${batchName()}-envelopes-${size}`, (p) => {
          progress.max = Math.max(1, p.total);
          progress.value = p.done;
        });
      }
      await renderPdf(preview, await ipc.readCardsPdf(made.path));
      replaceChildren(
        out,
        el('p', { testid: 'cards-mail-file', text: `${made.pages} ${made.pages === 1 ? 'page' : 'pages'} saved to ${made.path}` }),
        made.skipped.length
          ? el(
              'div',
              { class: 'problems', testid: 'cards-mail-skipped' },
              el('p', { text: `Left out (${made.skipped.length}):` }),
              el('ul', null, ...made.skipped.map((s) => el('li', { text: `${s.displayName}: ${s.reason}` }))),
            )
          : null,
        el('button', {
          type: 'button',
          class: 'btn',
          text: 'Open in system viewer to print',
          on: { click: () => void ipc.openCardsPdf(made.path).catch(showError) },
        }),
      );
    } catch (e) {
      showError(e);
    } finally {
      make.disabled = false;
      progress.hidden = true;
      cancel.hidden = true;
    }
  });

  return el(
    'details',
    { class: 'mail-pieces', testid: 'cards-mail' },
    el('summary', { text: 'Envelopes and labels' }),
    el(
      'p',
      { class: 'hint' },
      'For the same recipients, with their addresses laid out the way their country writes them. Mail within your own country has no country line: ',
      el('a', { href: '#/settings', text: 'set your country in Settings' }),
      '.',
    ),
    kind,
    offsetRow,
    el('div', { class: 'actions' }, make, cancel),
    progress,
    out,
  );
}
