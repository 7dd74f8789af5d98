// A contact's photo: added from the contact page (the file chooser's upload), shown, exported
// in a vCard, and removed again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createContact, giveFile, go, session, screenshot, tid } from './helpers.mjs';
import { tempFolder } from './temp-folders.mjs';

const PHOTO = resolve('src-tauri/core/tests/fixtures/cards/front.jpg');
const BIN = resolve(process.env.RAPPORT_BIN ?? 'target/debug/rapport');

test('a photo is added on the contact page, goes into the vCard, and is removed', async () => {
  const s = session();
  const dataDir = process.env.RAPPORT_E2E_DATA_DIR;
  assert.ok(dataDir, 'run through tests/e2e/run.mjs');
  await go(s, '#/today');
  await createContact(s, { givenName: 'Imogen', familyName: 'Photo' });
  await s.waitForElement(tid('contact-photo'));
  assert.equal((await s.findAll(tid('contact-photo-img'))).length, 0, 'initials before a photo');

  const input = await s.find(tid('contact-photo-input'));
  try {
    await input.sendKeys(PHOTO);
    await s.waitForElement(tid('contact-photo-img'), 8000);
  } catch {
    // Where the driver cannot upload, the same File goes to the same input.
    await giveFile(s, tid('contact-photo-input'), PHOTO, 'front.jpg', 'image/jpeg');
  }
  const img = await s.waitForElement(tid('contact-photo-img'), 20000);
  await s.waitFor(async () => (await s.execute('return arguments[0].naturalWidth;', [img])) > 0, { message: 'the thumbnail drawn' });
  await screenshot(s, 'contact-photo');

  // The accountant's address book gets it inline.
  const out = join(tempFolder('e2e-vcf'), 'all.vcf');
  execFileSync(BIN, ['export', 'vcard', '--out', out, '--data-dir', dataDir], { env: { ...process.env, RAPPORT_TODAY: '2026-11-23' } });
  const card = readFileSync(out, 'utf8')
    .replace(/\r\n /g, '')
    .split('END:VCARD')
    .find((c) => c.includes('FN:Imogen Photo'));
  assert.ok(card, 'the contact is in the vCard');
  assert.match(card, /PHOTO:data:image\/jpeg;base64,\/9j\//, 'the photo inline as a JPEG');

  await (await s.find(tid('contact-photo-remove'))).click();
  await s.waitFor(async () => (await s.findAll(tid('contact-photo-img'))).length === 0, { message: 'the photo removed' });
});
