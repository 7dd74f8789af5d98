// A desk whose password is not remembered signs in when the window opens: a wrong password is
// said plainly, the right one opens Today on the team's book without a restart.
// @ts-check
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { screenshot, session, tid, typeInto } from './helpers.mjs';
import { passwordNote } from './48-sign-in.seed.mjs';

test('the window asks for the password of the shared book and opens it', async () => {
  const s = session();
  const book = JSON.parse(readFileSync(passwordNote(process.env.RAPPORT_E2E_DATA_DIR ?? ''), 'utf8'));
  assert.match(await (await s.find(tid('recovery-title'))).text(), /Sign in/);
  await screenshot(s, 'sign-in');
  await typeInto(s, await s.find(tid('sign-in-password')), 'wrong-password');
  await (await s.find(tid('sign-in'))).click();
  assert.match(await (await s.waitForElement(tid('sign-in-error'), 20000)).text(), /password/i);

  await typeInto(s, await s.find(tid('sign-in-password')), book.password);
  await (await s.find(tid('sign-in'))).click();
  await s.waitForElement(tid('new-contact'), 20000);
  await s.waitFor(async () => (await (await s.find(tid('version'))).text()).startsWith(`Shared book — ${book.login}`), {
    timeout: 15000,
    message: 'the sidebar naming who signed in',
  });
  await screenshot(s, 'signed-in');
});
