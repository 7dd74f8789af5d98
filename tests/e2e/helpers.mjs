// Shared by the e2e test files: the session the runner opened, and small steps.
// @ts-check
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Session } from './webdriver.mjs';

export const SCREENSHOT_DIR = path.resolve(process.env.RAPPORT_SCREENSHOT_DIR ?? 'target/e2e-screenshots');

/** The session opened by run.mjs (passed through the environment). */
export function session() {
  const url = process.env.WEBDRIVER_URL;
  const id = process.env.WEBDRIVER_SESSION;
  if (!url || !id) throw new Error('Run these tests through tests/e2e/run.mjs (no WebDriver session given).');
  return new Session(url, id);
}

/**
 * The command line on the window's own book (the data folder run.mjs opened it on), with the
 * window's pinned date; its `--json` answer, read.
 * @param {string[]} args
 */
export function cli(...args) {
  const dataDir = process.env.RAPPORT_E2E_DATA_DIR;
  if (!dataDir) throw new Error('Run these tests through tests/e2e/run.mjs (no data folder given).');
  const bin = path.resolve(process.env.RAPPORT_BIN ?? 'target/debug/rapport');
  const env = { ...process.env, RAPPORT_TODAY: '2026-11-23' };
  return JSON.parse(execFileSync(bin, [...args, '--data-dir', dataDir, '--json'], { env }).toString());
}

/** @param {string} testid */
export const tid = (testid) => `[data-testid="${testid}"]`;

/** @param {Session} s @param {string} name */
export async function screenshot(s, name) {
  await s.settle();
  await s.settle();
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await writeFile(file, await s.screenshot());
  return file;
}

/** Go to a screen through the app's own hash routes. @param {Session} s @param {string} hash */
export async function go(s, hash) {
  await s.execute('location.hash = arguments[0];', [hash]);
}

/**
 * Type text into an input. Characters the driver cannot type (some non-ASCII
 * letters under WebKitGTK) are set the way a paste would, with an input event.
 * @param {Session} s @param {import('./webdriver.mjs').Element} el @param {string} text
 */
export async function typeInto(s, el, text) {
  await el.click();
  await el.clear();
  if (text) await el.sendKeys(text);
  const value = await el.property('value');
  if (value !== text) {
    await s.execute(`const el = arguments[0]; el.value = arguments[1]; el.dispatchEvent(new Event('input', { bubbles: true }));`, [el, text]);
  }
}

/**
 * Give a file to a file field as its file dialog would (where the driver cannot upload, or the
 * field is hidden behind a button): the file's bytes, under `name`, then a change event.
 * @param {Session} s @param {string} selector @param {string} file a path @param {string} name @param {string} type
 */
export async function giveFile(s, selector, file, name, type) {
  await s.execute(
    `const input = document.querySelector(arguments[0]);
     const bytes = Uint8Array.from(atob(arguments[1]), (c) => c.charCodeAt(0));
     const data = new DataTransfer();
     data.items.add(new File([bytes], arguments[2], { type: arguments[3] }));
     input.files = data.files;
     input.dispatchEvent(new Event('change', { bubbles: true }));`,
    [selector, readFileSync(file).toString('base64'), name, type],
  );
}

/**
 * Create a contact through the New contact dialog; returns when its page shows.
 * @param {Session} s @param {{givenName: string, familyName?: string, company?: string}} c
 */
export async function createContact(s, c) {
  await (await s.waitForElement(tid('new-contact'))).click();
  const dialog = await s.waitForElement(tid('contact-dialog'));
  await typeInto(s, await s.find(tid('field-givenName')), c.givenName);
  if (c.familyName) await typeInto(s, await s.find(tid('field-familyName')), c.familyName);
  if (c.company) await typeInto(s, await s.find(tid('field-company')), c.company);
  await (await s.find(tid('contact-save'))).click();
  await s.waitFor(async () => !(await dialog.displayed().catch(() => false)), { message: 'the dialog to close' });
  await s.waitForElement(tid('contact-page'));
}

/**
 * Dismisses the toasts (as the owner would) and waits until the last one has left the screen, so
 * none covers a button while it slides out. @param {import('./webdriver.mjs').Session} s
 */
export async function dismissToasts(s) {
  await s.waitFor(
    async () => {
      const toasts = await s.findAll(`${tid('toast')}:not(.leaving)`);
      for (const t of toasts) await (await t.findAll('.toast-close'))[0]?.click().catch(() => {});
      return toasts.length === 0 && (await s.findAll(tid('toast'))).length === 0;
    },
    { message: 'the toasts dismissed' },
  );
}
