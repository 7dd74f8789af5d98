// Settings unlocked in the window: the default photo of welcomes picked from thumbnails (it was a
// number to type), and the SMTP password kept in the system keyring from here (it needed the
// command line). Where the machine has no keyring, the window says so and what to do instead.
// @ts-check
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { cli, go, screenshot, session, tid, typeInto } from './helpers.mjs';

const PHOTO = fileURLToPath(new URL('../../src-tauri/core/tests/fixtures/cards/front.jpg', import.meta.url));

/** The value of a setting, read back through the command line. @param {string} key */
function setting(key) {
  return cli('settings', 'list').find((/** @type {any} */ s) => s.key === key)?.value;
}

test('the default photo is picked from thumbnails and the SMTP password is kept from Settings', async () => {
  const s = session();
  const photo = cli('photos', 'add', PHOTO, '--team', '--caption', 'The market stall');
  cli('settings', 'set', 'smtp_user', 'shop@example.com');

  await go(s, '#/settings');
  const option = await s.waitFor(
    async () => {
      for (const o of await s.findAll(tid('default-photo-option'))) {
        if ((await o.attribute('data-value')) === String(photo.id)) return o;
      }
      return null;
    },
    { timeout: 15000, message: 'the photo among the choices' },
  );
  await option.click();
  await s.waitFor(async () => setting('default_photo') === String(photo.id), { timeout: 10000, message: 'the default photo stored' });
  await s.waitFor(
    async () => {
      for (const o of await s.findAll(tid('default-photo-option'))) {
        if ((await o.attribute('data-value')) === String(photo.id)) return (await o.attribute('aria-checked')) === 'true';
      }
      return false;
    },
    { message: 'the photo shown as chosen' },
  );
  await s.execute('arguments[0].scrollIntoView({ block: "center" });', [await s.find(tid('default-photo-picker'))]);
  await screenshot(s, 'settings-default-photo');

  const state = await s.waitForElement(tid('smtp-password-state'));
  await s.waitFor(async () => (await state.property('textContent')).includes('shop@example.com'), { message: 'the user the password is for' });
  await typeInto(s, await s.find(tid('smtp-password')), 'correct horse battery staple');
  await (await s.find(tid('smtp-password-store'))).click();
  // Either the keyring took it, or the window says why not and what to do instead.
  await s.waitFor(
    async () => {
      const said = await state.property('textContent');
      const problem = await (await s.find(tid('smtp-password-error'))).property('textContent');
      return said.includes('is kept in the system keyring') || problem.includes('RAPPORT_SMTP_PASSWORD');
    },
    { timeout: 15000, message: 'the password kept, or a clear reason why not' },
  );
  // Never kept in the book itself.
  assert.ok(!JSON.stringify(cli('settings', 'list')).includes('correct horse battery staple'));
  await screenshot(s, 'settings-photo-password');
});
