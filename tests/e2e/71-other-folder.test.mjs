// A damaged book with no backup: the recovery screen opens another folder instead, refusing a
// path it cannot use with a message, and the app goes on with that folder's book without
// restarting. The damaged file is not touched.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { screenshot, session, tid } from './helpers.mjs';
import { otherFolder } from './71-other-folder.seed.mjs';

test('the recovery screen opens the book in another folder', async () => {
  const s = session();
  const dataDir = process.env.RAPPORT_E2E_DATA_DIR;
  await s.waitForElement(tid('recovery'));
  assert.match(await (await s.find(tid('recovery-advice'))).text(), /open another folder below/);
  const damaged = readFileSync(`${dataDir}/rapport.db`);

  const folder = await s.find(tid('recovery-folder'));
  await folder.sendKeys('not/a/whole/path');
  await (await s.find(tid('recovery-open-folder'))).click();
  const error = await s.waitForElement(tid('recovery-folder-error'));
  assert.match(await error.text(), /whole path/);
  await screenshot(s, 'recovery-other-folder');

  await folder.clear();
  await folder.sendKeys(otherFolder(dataDir));
  await (await s.find(tid('recovery-open-folder'))).click();
  await s.waitForElement(tid('new-contact'), 20000);
  await s.waitFor(async () => (await s.execute('return document.body.innerText;', [])).includes(`Opened the book in ${otherFolder(dataDir)}`), {
    message: 'the opened toast',
  });
  await s.execute('location.hash = "#/contacts";', []);
  await s.waitFor(async () => (await s.findAll('[data-testid="contact-row"]')).length === 7, { message: '7 contacts listed' });

  assert.ok(readFileSync(`${dataDir}/rapport.db`).equals(damaged), 'the damaged book is left as it was');
  assert.ok(existsSync(`${otherFolder(dataDir)}/backups/rapport-2026-11-23.db`), "the other book's daily backup");
});
