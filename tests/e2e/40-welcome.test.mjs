// The welcome, end to end through the real window: a customer added in the window shows on
// Today as new, "Welcome" opens the composer with the team photo written on, "Save draft"
// writes the .eml into the data folder (no native dialog) and says it is marked as welcomed,
// Undo takes the mark back, the timeline shows "Welcome sent", and Today no longer lists them.
// A second customer without an email address is welcomed with a printed card.
// @ts-check
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { go, screenshot, session, tid, typeInto } from './helpers.mjs';

const BIN = resolve(process.env.RAPPORT_BIN ?? 'target/debug/rapport');
const TEAM_PHOTO = fileURLToPath(new URL('../../src-tauri/core/tests/fixtures/cards/front.jpg', import.meta.url));

/** The command line on the window's own book. @param {string[]} args */
function cli(...args) {
  const dataDir = process.env.RAPPORT_E2E_DATA_DIR;
  assert.ok(dataDir, 'run through tests/e2e/run.mjs');
  const env = { ...process.env, RAPPORT_TODAY: '2026-11-23' };
  return execFileSync(BIN, [...args, '--data-dir', dataDir, '--json'], { env }).toString();
}

const SETTINGS = ['business_name', 'from_email', 'signature', 'default_photo', 'default_whiteboard'];

// The book is shared with the files that run later: leave the settings as they were (unset).
after(() => {
  for (const key of SETTINGS) cli('settings', 'set', key, '');
});

/** Settings and the team photo, through the command line into the window's own book. */
function prepareBook() {
  const photo = JSON.parse(cli('photos', 'add', TEAM_PHOTO, '--team', '--caption', 'The team'));
  cli('settings', 'set', 'business_name', 'Fika & Co');
  cli('settings', 'set', 'from_email', 'hello@fika.example');
  cli('settings', 'set', 'signature', 'Maja and the team');
  cli('settings', 'set', 'default_photo', String(photo.id));
  cli('settings', 'set', 'default_whiteboard', 'yes');
}

/** Words of an .eml as a reader sees them: RFC 2047 words and quoted-printable decoded. */
function readable(/** @type {string} */ raw) {
  const joined = raw.replace(/=\r?\n/g, '');
  const bytes = Buffer.from(
    joined.replace(/=([0-9A-F]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16))),
    'latin1',
  );
  return bytes.toString('utf8').replace(/=\?utf-8\?b\?([^?]*)\?=/gi, (_, b64) => Buffer.from(b64, 'base64').toString('utf8'));
}

/**
 * Adds a contact through the New contact dialog, customer since today.
 * @param {import('./webdriver.mjs').Session} s
 * @param {{ given: string, family: string, company: string, email?: string }} c
 */
async function addCustomer(s, c) {
  await (await s.waitForElement(tid('new-contact'))).click();
  const dialog = await s.waitForElement(tid('contact-dialog'));
  await typeInto(s, await s.find(tid('field-givenName')), c.given);
  await typeInto(s, await s.find(tid('field-familyName')), c.family);
  await typeInto(s, await s.find(tid('field-company')), c.company);
  if (c.email) await typeInto(s, await s.find(tid('field-emails-0')), c.email);
  await typeInto(s, await s.find(tid('field-customerSince')), '2026-11-23');
  await (await s.find(tid('contact-save'))).click();
  await s.waitFor(async () => !(await dialog.displayed().catch(() => false)), { message: 'the dialog to close' });
  const page = await s.waitForElement(tid('contact-page'));
  return Number(await page.attribute('data-id'));
}

/** The Today row of a new customer, or null. @param {import('./webdriver.mjs').Session} s @param {string} name */
async function newCustomerRow(s, name) {
  for (const row of await s.findAll(tid('new-customer-item'))) {
    const links = await row.findAll(tid('person-link'));
    if (links.length && (await links[0].text()) === name) return row;
  }
  return null;
}

/** Waits for the composer's result view; the path it shows. @param {import('./webdriver.mjs').Session} s */
async function deliveredPath(s) {
  await s.waitForElement(tid('welcome-done'), 30000);
  const status = await s.find(tid('welcome-open-status'));
  // Opening is tried at once; whether a program exists or not, the owner is told and keeps the path.
  await s.waitFor(async () => (await status.text()) !== 'Opening…', { timeout: 10000, message: 'the open attempt' });
  return (await (await s.find(tid('welcome-saved-path'))).text()).trim();
}

test('a new customer is welcomed with an .eml draft from Today and leaves the list', async () => {
  const s = session();
  prepareBook();
  await go(s, '#/today');
  const id = await addCustomer(s, { given: 'Linnea', family: 'Åberg', company: 'Norrsken Kaffe', email: 'linnea@norrsken.example' });

  await go(s, '#/today');
  const row = await s.waitFor(() => newCustomerRow(s, 'Linnea Åberg'), { message: 'Linnea on Today as a new customer' });
  await (await row.findAll(tid('welcome-customer')))[0].click();
  await s.waitForElement(tid('welcome-composer'));
  const subject = await s.waitFor(
    async () => {
      const t = await (await s.find(tid('welcome-subject'))).text();
      return t.includes('Linnea') ? t : null;
    },
    { timeout: 20000, message: 'the subject with the name' },
  );
  assert.match(subject, /Welcome to Fika & Co, Linnea!/);
  // The picture as the customer will see it: the team photo with the whiteboard written on.
  const image = await s.waitForElement(tid('welcome-image'), 20000);
  assert.ok(await s.execute('return arguments[0].complete && arguments[0].naturalWidth > 0;', [image]));
  await screenshot(s, 'welcome-composer');

  await (await s.find(tid('welcome-save-draft'))).click();
  const path = await deliveredPath(s);
  assert.equal(basename(path), `welcome-${id}-20261123.eml`);
  assert.match(await (await s.find(tid('welcome-done-headline'))).text(), /marked as welcomed/);
  assert.ok(existsSync(path), `${path} exists`);
  const raw = readFileSync(path, 'utf8');
  assert.match(raw, /^X-Unsent: 1\r?$/m);
  assert.match(raw, /linnea@norrsken\.example/);
  const text = readable(raw);
  assert.ok(text.includes('Linnea Åberg'), 'the name in the To header');
  assert.ok(text.includes('Dear Linnea,'), 'the greeting in the body');
  await screenshot(s, 'welcome-saved');

  // Undo takes the mark back (the draft stays); saving again marks it again.
  await (await s.find(tid('welcome-undo'))).click();
  await s.waitFor(async () => await (await s.find(tid('welcome-save-draft'))).displayed(), { message: 'the composer again' });
  await s.waitFor(async () => !(await (await s.find(tid('welcome-save-draft'))).property('disabled')), { message: 'Save enabled' });
  await (await s.find(tid('welcome-save-draft'))).click();
  assert.equal(await deliveredPath(s), path);
  await (await s.find(tid('welcome-done-close'))).click();

  await go(s, `#/contact/${id}`);
  await s.waitFor(
    async () => {
      const kinds = await s.findAll(`${tid('touchpoint')}[data-kind="welcomeSent"] ${tid('touchpoint-kind')}`);
      return kinds.length === 1 && (await kinds[0].text()) === 'Welcome sent';
    },
    { message: 'one "Welcome sent" on the timeline' },
  );

  await go(s, '#/today');
  await s.waitForElement(tid('today-date'));
  await s.settle();
  assert.equal(await newCustomerRow(s, 'Linnea Åberg'), null, 'no longer listed as not welcomed');
});

test('a customer without an email address is welcomed with a printed card', async () => {
  const s = session();
  await go(s, '#/today');
  const id = await addCustomer(s, { given: 'Yūki', family: '田中', company: 'Sakura Florist' });
  await go(s, '#/today');
  const row = await s.waitFor(() => newCustomerRow(s, 'Yūki 田中'), { message: 'Yūki on Today' });
  await (await row.findAll(tid('welcome-customer')))[0].click();
  await s.waitForElement(tid('welcome-composer'));
  // No address: the draft and sending are not possible, the card is.
  const print = await s.waitForElement(tid('welcome-print-card'));
  await s.waitFor(async () => !(await print.property('disabled')), { timeout: 20000, message: 'Print enabled' });
  assert.equal(await (await s.find(tid('welcome-save-draft'))).property('disabled'), true);
  await print.click();
  const path = await deliveredPath(s);
  assert.equal(basename(path), `welcome-${id}-20261123.pdf`);
  assert.ok(readFileSync(path).subarray(0, 5).toString() === '%PDF-', 'a PDF');
  // The real card, drawn by pdf.js.
  await s.waitForElement(`${tid('welcome-card-preview')}[data-rendered="yes"] canvas`, 30000);
  const ink = await s.execute(`
    const c = document.querySelector('[data-testid="welcome-card-preview"] canvas');
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let ink = 0; for (let i = 0; i < d.length; i += 4) if (d[i] < 200) ink++;
    return ink;`);
  assert.ok(ink > 1000, `the card has ink on it (${ink})`);
  await screenshot(s, 'welcome-card');
  await (await s.find(tid('welcome-done-close'))).click();
  await go(s, `#/contact/${id}`);
  await s.waitFor(async () => (await s.findAll(`${tid('touchpoint')}[data-kind="welcomeSent"]`)).length === 1, { message: 'Welcome sent for the card' });
});
