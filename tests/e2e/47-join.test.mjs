// A desk joins the team's shared book from the window: Settings → Shared book → join code, login
// and password. A wrong password is refused with a clear message and nothing changes; the right
// one opens the team's book, and the sidebar says who is signed in.
// @ts-check
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { go, screenshot, session, tid, typeInto } from './helpers.mjs';
import { joinNote } from './47-join.seed.mjs';

test('a desk joins the shared book from Settings; a wrong password is refused first', async () => {
  const s = session();
  const dataDir = process.env.RAPPORT_E2E_DATA_DIR ?? '';
  const book = JSON.parse(readFileSync(joinNote(dataDir), 'utf8'));
  await go(s, '#/settings');
  await s.waitForElement(tid('join-form'), 15000);
  await typeInto(s, await s.find(tid('join-code')), book.joinCode);
  await typeInto(s, await s.find(tid('join-login')), book.login);
  await typeInto(s, await s.find(tid('join-password')), 'not-the-password');
  await (await s.find(tid('join-shared'))).click();
  const error = await s.waitForElement(tid('join-error'), 20000);
  assert.match(await error.text(), /password/i);
  await screenshot(s, 'join-wrong-password');

  await typeInto(s, await s.find(tid('join-password')), book.password);
  await (await s.find(tid('join-shared'))).click();
  await s.waitFor(
    async () => {
      const label = await s.findAll(tid('version'));
      return label.length === 1 && (await label[0].text()).startsWith(`Shared book — ${book.login}`);
    },
    { timeout: 20000, message: 'the window on the shared book' },
  );
  // The team's book is empty: the file's customer is not in it.
  await s.waitForElement(tid('first-run'), 15000);
  await screenshot(s, 'joined-shared-book');
  await go(s, '#/settings');
  assert.match(await (await s.waitForElement(tid('shared-book-state'), 15000)).text(), /signed in as/);
});
