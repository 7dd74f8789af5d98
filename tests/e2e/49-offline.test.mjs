// A desk whose server is away works on its copy of the team's book: the customers are there,
// a banner says since when, a change is refused with the reason; when the server is back the
// window reconnects by itself and works on the team's book again.
// @ts-check
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { go, screenshot, session, tid, typeInto } from './helpers.mjs';
import { connectionFile, portNote } from './49-offline.seed.mjs';

test('offline, the desk shows its copy read only, then reconnects by itself', async () => {
  const s = session();
  const dataDir = process.env.RAPPORT_E2E_DATA_DIR ?? '';
  const banner = await s.waitForElement(tid('offline-banner'), 15000);
  assert.match(await banner.text(), /^Offline — the team's book as of \d{4}-\d\d-\d\d \d\d:\d\d; changes are off/);

  // The customers are there to read.
  await go(s, '#/contacts');
  await s.waitFor(
    async () => {
      for (const row of await s.findAll(tid('row-name'))) if ((await row.text()) === 'Tove Lund') return true;
      return false;
    },
    { timeout: 15000, message: 'the customer in the copy' },
  );
  await screenshot(s, 'offline');

  // A change is refused, saying why.
  await (await s.find(tid('new-contact'))).click();
  await typeInto(s, await s.waitForElement(tid('field-givenName')), 'Nora');
  await (await s.find(tid('contact-save'))).click();
  await s.waitFor(
    async () => {
      for (const t of await s.findAll(tid('toast'))) if ((await t.text()).includes('changes are off')) return true;
      return false;
    },
    { timeout: 15000, message: 'the refusal, with its reason' },
  );
  // The form stays open with what was typed; the owner closes it.
  await s.execute("document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));");

  // The server is back: the window reconnects and starts over on the team's book.
  const saved = JSON.parse(readFileSync(connectionFile(dataDir), 'utf8'));
  const { port, login } = JSON.parse(readFileSync(portNote(dataDir), 'utf8'));
  saved.port = port;
  writeFileSync(connectionFile(dataDir), JSON.stringify(saved, null, 2));
  await s.waitFor(
    async () => {
      const label = await s.findAll(tid('version'));
      const banners = await s.findAll(tid('offline-banner'));
      return label.length === 1 && (await label[0].text()).startsWith(`Shared book — ${login}`) && banners.length === 1 && !(await banners[0].displayed());
    },
    { timeout: 30000, message: 'the window back on the team’s book' },
  );
  await screenshot(s, 'back-online');
});
