// Every screen and dialog of the window, with how to reach it, for the accessibility tests
// (90-accessibility light, 91- dark, 92- larger text; the recovery screen has a session of its
// own in 93-). A new screen is one more entry: a name, `open` (from anywhere: navigate, click,
// wait for the screen to be ready) and, for a dialog or a state that must be undone, `close`.
// They run in this order on the book 90-accessibility.seed.mjs prepares.
// @ts-check
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { go, screenshot, session, tid } from './helpers.mjs';
import { Keys, Session } from './webdriver.mjs';

const IMPORT_FIXTURE = fileURLToPath(new URL('./fixtures/google-contacts.csv', import.meta.url));

/** The ids the seed wrote. @returns {{ ada: number, newcomer: number, photo: number }} */
export function seededIds() {
  const dir = process.env.RAPPORT_E2E_DATA_DIR;
  if (!dir) throw new Error('run through tests/e2e/run.mjs');
  return JSON.parse(readFileSync(path.join(dir, 'accessibility.json'), 'utf8'));
}

/**
 * @typedef {{ ada: number, newcomer: number, photo: number }} Ids
 * @typedef {{ name: string, open: (s: Session, ids: Ids) => Promise<void>, close?: (s: Session) => Promise<void> }} Screen
 */

/** Goes to `hash` and waits for `ready` to show. @param {Session} s @param {string} hash @param {string} ready */
async function visit(s, hash, ready) {
  await go(s, hash);
  await s.waitForElement(ready, 20000);
}

/**
 * How `open` clicks. WebKitWebDriver aims its clicks in unzoomed pixels, so in a window zoomed by
 * a larger text setting (92-accessibility-large-text) they land beside the element; there the
 * test sets `scripted` and the element's own click() is used instead (as the dark-theme test does).
 */
export const clicks = { scripted: false };

/** Clicks the element `css` finds once it shows. @param {Session} s @param {string} css */
async function press(s, css) {
  const element = await s.waitForElement(css, 20000);
  if (clicks.scripted) await s.execute('arguments[0].click();', [element]);
  else await element.click();
}

/** Closes the dialog on top with Esc, as the owner would, and waits for it to go. @param {Session} s */
export async function closeWithEsc(s) {
  await s.pressKey(Keys.ESCAPE);
  await s.waitFor(async () => (await s.findAll('[role="dialog"]')).length === 0, { message: 'the dialog to close on Esc' });
}

/** Sets a <select> the way a person does, with a change event. @param {Session} s @param {string} css @param {string} value */
async function choose(s, css, value) {
  await s.execute('const el = document.querySelector(arguments[0]); el.value = arguments[1]; el.dispatchEvent(new Event("change", { bubbles: true }));', [
    css,
    value,
  ]);
}

/** @type {Screen[]} */
export const SCREENS = [
  { name: 'Today', open: (s) => visit(s, '#/today', tid('today-page')) },
  {
    name: 'Contacts list',
    open: async (s) => {
      await visit(s, '#/contacts', tid('contacts-page'));
      await s.waitForElement(tid('contact-row'), 20000);
    },
  },
  {
    name: 'Contacts list with a selection (bulk actions)',
    open: async (s) => {
      await visit(s, '#/contacts', tid('contacts-page'));
      await press(s, `${tid('contact-row')} ${tid('row-select')}`);
      await s.waitForElement(tid('bulk-bar'));
    },
    close: async (s) => {
      await press(s, `${tid('contact-row')} ${tid('row-select')}`);
    },
  },
  {
    name: 'Tag prompt (bulk)',
    open: async (s) => {
      await visit(s, '#/contacts', tid('contacts-page'));
      await press(s, `${tid('contact-row')} ${tid('row-select')}`);
      await press(s, tid('bulk-tag'));
      await s.waitForElement(tid('prompt-dialog'));
    },
    close: async (s) => {
      await closeWithEsc(s);
      await press(s, `${tid('contact-row')} ${tid('row-select')}`);
    },
  },
  { name: 'Contact page', open: (s, ids) => visit(s, `#/contact/${ids.ada}`, tid('contact-page')) },
  {
    name: 'Contact page: logging a touchpoint',
    open: async (s, ids) => {
      await visit(s, `#/contact/${ids.ada}`, tid('contact-page'));
      await press(s, tid('log-meeting'));
      await s.waitForElement(tid('log-form'));
    },
    close: (s) => press(s, tid('log-cancel')),
  },
  {
    name: 'Contact edit form',
    open: async (s, ids) => {
      await visit(s, `#/contact/${ids.ada}`, tid('contact-page'));
      await press(s, tid('contact-edit'));
      await s.waitForElement(tid('contact-dialog'));
    },
    close: closeWithEsc,
  },
  {
    name: 'New contact form with errors',
    open: async (s) => {
      await press(s, tid('new-contact'));
      await s.waitForElement(tid('contact-dialog'));
      await press(s, tid('contact-save'));
      await s.waitForElement('.field-error, .form-error');
    },
    close: closeWithEsc,
  },
  {
    name: 'Merge dialog',
    open: async (s, ids) => {
      await visit(s, `#/contact/${ids.ada}`, tid('contact-page'));
      await press(s, tid('contact-merge'));
      await s.waitForElement(tid('merge-dialog'));
    },
    close: closeWithEsc,
  },
  {
    name: 'Delete dialog',
    open: async (s, ids) => {
      await visit(s, `#/contact/${ids.ada}`, tid('contact-page'));
      await press(s, tid('contact-delete'));
      await s.waitForElement(tid('delete-dialog'));
    },
    close: closeWithEsc,
  },
  {
    name: 'Welcome composer',
    open: async (s) => {
      await visit(s, '#/today', tid('today-page'));
      await press(s, tid('welcome-customer'));
      await s.waitForElement(tid('welcome-composer'));
      await s.waitForElement(tid('welcome-image'), 20000);
    },
    close: closeWithEsc,
  },
  { name: 'Staff & photos', open: (s) => visit(s, '#/staff', tid('staff-page')) },
  {
    name: 'Whiteboard area dialog',
    open: async (s) => {
      await visit(s, '#/staff', tid('staff-page'));
      await press(s, tid('pick-board'));
      await s.waitForElement(tid('board-dialog'));
    },
    close: closeWithEsc,
  },
  { name: 'Settings', open: (s) => visit(s, '#/settings', tid('settings-page')) },
  { name: 'Testimonials', open: (s) => visit(s, '#/testimonials', tid('testimonials-page')) },
  {
    name: 'Cards: prepare',
    open: async (s) => {
      await visit(s, '#/cards/thanksgiving-us', tid('cards-page'));
      await choose(s, tid('cards-recipients'), 'tag');
      await choose(s, tid('cards-tag'), 'Regulars');
      await s.waitFor(async () => /^\d+ cards?/.test(await (await s.find(tid('cards-recipient-count'))).text()), { message: 'the recipients counted' });
    },
  },
  {
    name: 'Cards: personal lines',
    open: async (s) => {
      await s.execute('document.querySelector(arguments[0]).open = true;', [tid('cards-personal')]);
      await s.waitForElement(tid('cards-personal-line'), 20000);
    },
  },
  {
    name: 'Cards: preview',
    open: async (s) => {
      await press(s, tid('cards-generate'));
      await s.waitForElement(tid('cards-check-ok'), 60000);
      await s.waitForElement(tid('preview-page'), 60000);
    },
  },
  {
    name: 'Cards: envelopes and labels',
    open: async (s) => {
      await s.execute('document.querySelector(arguments[0]).open = true;', [tid('cards-mail')]);
      await choose(s, tid('cards-mail-kind'), 'labels:l7160');
      await press(s, tid('cards-mail-make'));
      await s.waitForElement(tid('cards-mail-file'), 60000);
    },
  },
  { name: 'Export', open: (s) => visit(s, '#/exchange/export', tid('export-form')) },
  { name: 'Import: choose a file', open: (s) => visit(s, '#/exchange/import', tid('import-drop')) },
  {
    name: 'Import: mapping and preview',
    open: async (s) => {
      await visit(s, '#/exchange/import', tid('import-drop'));
      // The file chooser's upload where the driver can; else the same File through a DataTransfer.
      const input = await s.find(tid('import-file'));
      try {
        await input.sendKeys(IMPORT_FIXTURE);
        await s.waitForElement(tid('import-mapping'), 5000);
      } catch {
        await s.execute(
          `const input = document.querySelector(arguments[0]);
           const data = new DataTransfer();
           data.items.add(new File([arguments[1]], 'google-contacts.csv', { type: 'text/csv' }));
           input.files = data.files;
           input.dispatchEvent(new Event('change', { bubbles: true }));`,
          [tid('import-file'), readFileSync(IMPORT_FIXTURE, 'utf8')],
        );
      }
      await s.waitForElement(tid('import-preview'), 20000);
    },
  },
  {
    name: 'Import: checked, with a duplicate to compare',
    open: async (s) => {
      await press(s, tid('import-check'));
      await s.waitForElement(tid('import-summary'), 20000);
      await press(s, '[data-testid^="dup-"][data-testid$="-merge"]');
      await s.waitForElement(tid('compare'));
    },
  },
  {
    name: 'Backup & restore',
    open: async (s) => {
      await visit(s, '#/exchange/backup', tid('backup-now'));
      await s.waitForElement(tid('restore-row'), 20000);
    },
  },
  {
    name: 'Restore dialog',
    open: async (s) => {
      await press(s, tid('restore-row'));
      await s.waitForElement(tid('restore-dialog'));
    },
    close: closeWithEsc,
  },
  {
    name: 'A toast',
    open: async (s) => {
      await visit(s, '#/exchange/backup', tid('backup-now'));
      await press(s, tid('retention-save'));
      await s.waitForElement(tid('toast'), 10000);
    },
  },
];

const slug = (/** @type {string} */ name) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/**
 * One test per screen: opens it, saves a screenshot `a11y-<mode>-<screen>.png`, runs `check`,
 * and closes it again whatever happened.
 * @param {string} mode  light, dark, large-text… (in the test names and the screenshots)
 * @param {string} what  what `check` asserts, for the test names
 * @param {(s: Session, screen: Screen) => Promise<void>} check
 */
export function eachScreen(mode, what, check) {
  for (const screen of SCREENS) {
    test(`${mode}: ${screen.name}: ${what}`, async () => {
      const s = session();
      await screen.open(s, seededIds());
      try {
        await screenshot(s, `a11y-${mode}-${slug(screen.name)}`);
        await check(s, screen);
      } finally {
        await screen.close?.(s);
      }
    });
  }
}
