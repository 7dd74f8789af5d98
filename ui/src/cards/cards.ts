// The Cards screen: occasion → recipients → design → format → check → generate (progress,
// cancel) → preview of the real PDF pages → open to print → record as sent.
import type { CardDesign, CardFormat, ContactSummary, PrintedCards, UnprintableText, UpcomingOccasion } from '../api/bindings';
import * as ipc from '../api/ipc';
import { el, replaceChildren, type Child } from '../shared/dom';
import { showError, toast } from '../shared/toast';
import { batchName, occasionLabel, recipientsFor, type RecipientChoice } from './model';
import { PersonalLineEdits, personalLinesSection } from './personalLines';
import { frontPicker } from './front';
import { mailPiecesSection } from './mailPieces';
import { renderPdf } from './preview';

const FORMATS: [CardFormat, string][] = [
  ['a6', 'A6 flat (105 × 148 mm)'],
  ['a7', 'A7 flat (74 × 105 mm)'],
  ['5x7', '5 × 7 in flat'],
  ['4x6', '4 × 6 in postcard'],
  ['folded-a4', 'A4 folded into A6'],
  ['folded-letter', 'Letter folded'],
];

export function renderCards(root: HTMLElement, occasionId?: string): void {
  const page = el('section', { class: 'page page-cards', testid: 'cards-page' }, el('h1', { text: 'Cards' }), el('p', { text: 'Loading…' }));
  replaceChildren(root, page);
  void load(page, occasionId).catch(showError);
}

async function load(page: HTMLElement, occasionId?: string) {
  const [occasions, tags, fields, info] = await Promise.all([ipc.listOccasions(), ipc.listTags(), ipc.cardMergeFields(), ipc.appInfo()]);
  const usable = occasions.filter((o) => o.next !== null);
  const occasionSelect = el(
    'select',
    { class: 'input', testid: 'cards-occasion', attrs: { 'aria-label': 'Occasion' } },
    ...usable.map((u) => el('option', { value: u.occasion.id, text: occasionLabel(u) })),
  );
  if (occasionId && usable.some((u) => u.occasion.id === occasionId)) occasionSelect.value = occasionId;

  const choice = el(
    'select',
    { class: 'input', testid: 'cards-recipients', attrs: { 'aria-label': 'Recipients' } },
    el('option', { value: 'everyone', text: 'Everyone' }),
    el('option', { value: 'tag', text: 'Contacts with a tag' }),
    el('option', { value: 'picked', text: 'Hand-picked contacts' }),
    el('option', { value: 'birthdaysNextMonth', text: 'Everyone with a birthday next month' }),
  );
  const tagSelect = el(
    'select',
    { class: 'input', testid: 'cards-tag', attrs: { 'aria-label': 'Tag' } },
    ...tags.map((t) => el('option', { value: t.name, text: `${t.name} (${t.count})` })),
  );
  const picked = new Map<number, string>();
  const pickedList = el('ul', { class: 'chips', testid: 'cards-picked' });
  const searchBox = el('input', { type: 'search', class: 'input', placeholder: 'Find a contact to add…', testid: 'cards-pick-search' });
  const searchResults = el('ul', { class: 'item-list' });
  const pickBox = el('div', { class: 'pick-box' }, searchBox, searchResults, pickedList);
  const recipientCount = el('p', { class: 'muted', testid: 'cards-recipient-count' });

  const designSelect = el('select', { class: 'input', testid: 'cards-design', attrs: { 'aria-label': 'Design' } });
  const formatSelect = el(
    'select',
    { class: 'input', testid: 'cards-format', attrs: { 'aria-label': 'Format' } },
    ...FORMATS.map(([v, t]) => el('option', { value: v, text: t })),
  );
  const greeting = el('input', { type: 'text', class: 'input', testid: 'cards-greeting', attrs: { 'aria-label': 'Greeting' } });
  const message = el('textarea', { rows: 5, class: 'input', testid: 'cards-message', attrs: { 'aria-label': 'Message' } });
  const signature = el('textarea', { rows: 2, class: 'input', testid: 'cards-signature', attrs: { 'aria-label': 'Signature' } });
  let designs: CardDesign[] = [];

  const checkOut = el('div', { class: 'cards-check', testid: 'cards-check' });
  const progress = el('progress', { max: 1, value: 0, testid: 'cards-progress', hidden: true });
  // Focusable so the keyboard can scroll through the pages.
  const preview = el('div', { class: 'pdf-preview', testid: 'cards-preview', attrs: { tabindex: '0', role: 'region', 'aria-label': 'Preview of the cards' } });
  const after = el('div', { class: 'cards-after', hidden: true, testid: 'cards-after' });

  const recipients = () => recipientsFor(choice.value as RecipientChoice, tagSelect.value, [...picked.keys()]);
  const front = frontPicker();
  const lineEdits = new PersonalLineEdits();
  const personal = personalLinesSection(lineEdits, recipients);
  const occasion = (): UpcomingOccasion | undefined => usable.find((u) => u.occasion.id === occasionSelect.value);
  const design = (): CardDesign => {
    const base = designs.find((d) => d.name === designSelect.value) ?? designs[0];
    return {
      ...base,
      format: formatSelect.value as CardFormat,
      greeting: greeting.value,
      message: message.value,
      signature: signature.value,
      frontPhoto: front.chosen(),
    };
  };

  function fillDesign() {
    const d = designs.find((x) => x.name === designSelect.value) ?? designs[0];
    if (!d) return;
    greeting.value = d.greeting;
    message.value = d.message;
    signature.value = d.signature;
    formatSelect.value = d.format;
  }
  async function loadDesigns() {
    designs = await ipc.cardDesigns(occasionSelect.value);
    replaceChildren(designSelect, ...designs.map((d) => el('option', { value: d.name, text: d.name })));
    fillDesign();
  }
  // Answers can arrive out of order when the choice changes quickly: only the latest counts.
  let countRequest = 0;
  async function countRecipients() {
    tagSelect.hidden = choice.value !== 'tag';
    pickBox.hidden = choice.value !== 'picked';
    const request = ++countRequest;
    try {
      const people = await ipc.batchRecipients(recipients());
      if (request !== countRequest) return;
      void personal.refresh().catch(showError);
      recipientCount.textContent = `${people.length} ${people.length === 1 ? 'card' : 'cards'}: ${people
        .slice(0, 5)
        .map((p) => p.displayName)
        .join(', ')}${people.length > 5 ? '…' : ''}`;
    } catch (e) {
      if (request !== countRequest) return;
      recipientCount.textContent = ipc.toAppError(e).message;
    }
  }
  function drawPicked() {
    replaceChildren(
      pickedList,
      ...[...picked].map(([id, name]) =>
        el(
          'li',
          { class: 'chip' },
          name,
          el('button', {
            type: 'button',
            class: 'btn btn-small',
            text: '×',
            attrs: { 'aria-label': `Remove ${name}` },
            on: {
              click: () => {
                picked.delete(id);
                drawPicked();
                void countRecipients();
              },
            },
          }),
        ),
      ),
    );
  }
  searchBox.addEventListener('input', async () => {
    const q = searchBox.value.trim();
    if (!q) return replaceChildren(searchResults);
    const found = await ipc.listContacts({ search: q, tag: null, sort: 'name', archive: 'active', offset: 0, limit: 8 });
    replaceChildren(
      searchResults,
      ...found.rows.map((c: ContactSummary) =>
        el(
          'li',
          null,
          el('button', {
            type: 'button',
            class: 'btn btn-ghost',
            testid: 'cards-pick-result',
            text: c.displayName,
            on: {
              click: () => {
                picked.set(c.id, c.displayName);
                drawPicked();
                void countRecipients();
              },
            },
          }),
        ),
      ),
    );
  });

  // The names the last check found no font for: offered again if nothing could be printed.
  let unprintable: UnprintableText[] = [];
  async function check(): Promise<boolean> {
    const result = await ipc.checkCards(recipients(), design(), lineEdits.forBatch());
    unprintable = result.unprintable;
    const problems: Child[] = [
      ...result.unknownFields.map((u) => `Unknown merge field {${u.name}}`),
      ...result.unprintable.map((u) => `${u.displayName}: no installed font can print “${u.missing}”; this card will be left out`),
    ];
    if (result.missingBusinessName) {
      problems.push(
        el(
          'span',
          { testid: 'cards-missing-business' },
          'Your business name is not set, so the cards would be signed “the team at” and nothing more. ',
          el('a', { href: '#/settings', text: 'Set it in Settings' }),
          '.',
        ),
      );
    }
    replaceChildren(
      checkOut,
      problems.length
        ? el('ul', { class: 'problems' }, ...problems.map((p) => el('li', null, p)))
        : el('p', { class: 'ok', testid: 'cards-check-ok', text: 'Ready to print: every field is known and every name can be printed.' }),
    );
    // Missing glyphs are reported but do not stop the owner; unknown fields and an unsigned card do.
    return result.unknownFields.length === 0 && !result.missingBusinessName;
  }

  const generateBtn = el('button', { type: 'button', class: 'btn btn-primary', testid: 'cards-generate', text: 'Generate' });
  const cancelBtn = el('button', {
    type: 'button',
    class: 'btn',
    testid: 'cards-cancel',
    text: 'Cancel',
    hidden: true,
    on: { click: () => void ipc.cancelCards() },
  });
  // Renders a batch (all chosen, or the left-out ones with the missing characters dropped) and
  // shows its pages and what was left out.
  async function generate(o: UpcomingOccasion, leftOut: UnprintableText[] | null) {
    generateBtn.disabled = true;
    cancelBtn.hidden = false;
    progress.hidden = false;
    progress.value = 0;
    try {
      const who = leftOut ? { type: 'picked' as const, ids: leftOut.map((u) => u.contactId) } : recipients();
      const name = batchName(o.occasion.id, info.today) + (leftOut ? '-left-out' : '');
      const onProgress = (p: { done: number; total: number }) => {
        progress.max = Math.max(1, p.total);
        progress.value = p.done;
      };
      const made = await ipc.generateCards(who, design(), lineEdits.forBatch(), name, onProgress, leftOut !== null);
      const bytes = await ipc.readCardsPdf(made.path);
      const pages = await renderPdf(preview, bytes);
      showAfter(made, pages, o);
    } catch (e) {
      const err = showError(e);
      // Not one card could be printed: still offer them without the missing characters.
      if (err.code === 'nothingPrintable' && !leftOut && unprintable.length) {
        after.hidden = false;
        replaceChildren(after, el('p', { testid: 'cards-printed', text: `Printed no cards; ${unprintable.length} left out.` }), leftOutOffer(unprintable, o));
      }
    } finally {
      generateBtn.disabled = false;
      cancelBtn.hidden = true;
      progress.hidden = true;
    }
  }
  generateBtn.addEventListener('click', async () => {
    const o = occasion();
    if (!o) return;
    try {
      if (!(await check())) return;
    } catch (e) {
      showError(e);
      return;
    }
    await generate(o, null);
  });

  // The cards left out for want of a font, each name as it would print without the characters
  // no font has, and a button to print them so.
  function leftOutOffer(leftOut: UnprintableText[], o: UpcomingOccasion): HTMLElement {
    const n = leftOut.length;
    return el(
      'div',
      { class: 'cards-left-out', testid: 'cards-left-out' },
      el('p', { text: `${n === 1 ? 'This card was' : 'These cards were'} left out because no installed font can print some characters:` }),
      el(
        'ul',
        { class: 'problems' },
        ...leftOut.map((u) =>
          el(
            'li',
            { testid: 'cards-left-out-name' },
            `${u.displayName} (no font for “${u.missing}”) would print as `,
            el('strong', { text: u.printableName || '(nothing)' }),
          ),
        ),
      ),
      el('button', {
        type: 'button',
        class: 'btn',
        testid: 'cards-print-left-out',
        text: `Print ${n === 1 ? 'it' : `these ${n}`} without the missing characters`,
        on: { click: () => void generate(o, leftOut) },
      }),
    );
  }

  function showAfter(made: PrintedCards, pages: number, o: UpcomingOccasion) {
    const record = el('button', { type: 'button', class: 'btn btn-primary', testid: 'cards-record', text: `Record as sent (${made.recipientIds.length})` });
    record.addEventListener('click', async () => {
      try {
        const done = await ipc.recordCardsSent(made.recipientIds, o.occasion.name);
        record.disabled = true;
        record.textContent = `Recorded on ${done.recorded} timelines`;
        toast(`“Card sent: ${done.note}” is on ${done.recorded} timelines.`);
      } catch (e) {
        showError(e);
      }
    });
    after.hidden = false;
    const printedCount = made.recipientIds.length;
    const summary = `Printed ${printedCount} ${printedCount === 1 ? 'card' : 'cards'}${
      made.leftOut.length ? `; ${made.leftOut.length} left out: ${made.leftOut.map((u) => u.displayName).join(', ')}` : '.'
    }`;
    replaceChildren(
      after,
      el('p', { testid: 'cards-printed', text: summary }),
      el('p', { testid: 'cards-file', text: `${pages} ${pages === 1 ? 'page' : 'pages'} saved to ${made.path}` }),
      el('button', {
        type: 'button',
        class: 'btn',
        testid: 'cards-open',
        text: 'Open in system viewer to print',
        on: { click: () => void ipc.openCardsPdf(made.path).catch(showError) },
      }),
      record,
      made.leftOut.length ? leftOutOffer(made.leftOut, o) : null,
    );
  }

  occasionSelect.addEventListener('change', () => void loadDesigns().catch(showError));
  designSelect.addEventListener('change', fillDesign);
  choice.addEventListener('change', () => void countRecipients());
  tagSelect.addEventListener('change', () => void countRecipients());

  const field = (label: string, control: HTMLElement) => el('label', { class: 'field' }, el('span', { class: 'label', text: label }), control);
  replaceChildren(
    page,
    el('h1', { text: 'Cards' }),
    el(
      'div',
      { class: 'cards-layout' },
      el(
        'div',
        { class: 'card cards-form' },
        field('Occasion', occasionSelect),
        field('Recipients', choice),
        tagSelect,
        pickBox,
        recipientCount,
        field('Design', designSelect),
        field('Format', formatSelect),
        field('Front', front.node),
        field('Greeting', greeting),
        field('Message', message),
        field('Signature', signature),
        personal.section,
        el('p', { class: 'hint', testid: 'cards-merge-help', text: `Merge fields: ${fields.map((f) => `{${f}}`).join(' ')}` }),
        el('div', { class: 'actions' }, generateBtn, cancelBtn),
        progress,
        checkOut,
        after,
        mailPiecesSection(recipients, () => batchName(occasion()?.occasion.id ?? 'cards', info.today), preview),
      ),
      preview,
    ),
  );
  await Promise.all([loadDesigns(), front.load()]);
  await countRecipients();
}
