// The per-recipient personal line on the Cards screen: each recipient's suggested line (from
// what the book knows about them), which the owner accepts, rewrites or empties.
import type { PersonalLine, PersonalLineSuggestion, Recipients } from '../api/bindings';
import * as ipc from '../api/ipc';
import { el, replaceChildren } from '../shared/dom';

/** Lines drawn at once; the rest of a large batch prints its suggestions. */
export const SHOWN_LINES = 200;

/** The owner's edits by contact id, kept across changes of the recipient choice. */
export class PersonalLineEdits {
  private readonly edits = new Map<number, string>();

  set(contactId: number, line: string): void {
    this.edits.set(contactId, line);
  }

  /** The line shown for a recipient: the owner's edit, else the suggestion. */
  lineFor(s: PersonalLineSuggestion): string {
    return this.edits.get(s.contactId) ?? s.suggested;
  }

  /** What Rust needs: only the lines the owner changed (an empty one means "no line"). */
  forBatch(): PersonalLine[] {
    return [...this.edits].map(([contactId, line]) => ({ contactId, line }));
  }
}

/** The collapsible list of recipients with an editable line each. */
export function personalLinesSection(edits: PersonalLineEdits, recipients: () => Recipients) {
  const list = el('ol', { class: 'personal-lines', testid: 'cards-personal-lines' });
  const summary = el('summary', { text: 'Personal lines' });
  const section = el(
    'details',
    { class: 'personal-lines-box', testid: 'cards-personal' },
    summary,
    el('p', {
      class: 'hint',
      text: 'A line for each person, printed under the message. Suggestions come from what you noted about them; rewrite any, or empty it for no line.',
    }),
    list,
  );
  let request = 0;

  async function refresh() {
    if (!section.open) return;
    const mine = ++request;
    const people = await ipc.personalLineSuggestions(recipients());
    if (mine !== request) return;
    const count = () => {
      const withLine = people.filter((p) => edits.lineFor(p).trim() !== '').length;
      summary.textContent = `Personal lines (${withLine} of ${people.length})`;
    };
    count();
    const shown = people.slice(0, SHOWN_LINES);
    replaceChildren(
      list,
      ...shown.map((p) => {
        // A textarea growing with its line, so the whole line is seen while it is written
        // (a one-line field hid most of a long one).
        const input = el('textarea', {
          class: 'input personal-line',
          rows: 1,
          value: edits.lineFor(p),
          placeholder: 'No personal line',
          testid: 'cards-personal-line',
          attrs: { 'aria-label': `Personal line for ${p.displayName}`, 'data-contact-id': p.contactId },
          on: {
            input: () => {
              edits.set(p.contactId, input.value);
              fitHeight(input);
              count();
            },
            // One line, wrapped only on screen: Enter does not break it.
            keydown: (e: KeyboardEvent) => {
              if (e.key === 'Enter') e.preventDefault();
            },
          },
        });
        return el(
          'li',
          null,
          el('span', { class: 'personal-name', text: p.displayName }),
          input,
          p.source ? el('span', { class: 'hint', text: `From: ${p.source}` }) : null,
        );
      }),
      people.length > SHOWN_LINES ? el('li', { class: 'hint', text: `…and ${people.length - SHOWN_LINES} more, who get their suggested line.` }) : null,
    );
    for (const area of list.querySelectorAll('textarea')) fitHeight(area);
  }

  section.addEventListener('toggle', () => void refresh());
  return { section, refresh };
}

/** Makes `area` as tall as its text (once it is drawn: a hidden one measures nothing). */
function fitHeight(area: HTMLTextAreaElement) {
  if (!area.isConnected) return;
  area.style.height = 'auto';
  const content = area.scrollHeight;
  if (content > 0) area.style.height = `${content + area.offsetHeight - area.clientHeight}px`;
}
