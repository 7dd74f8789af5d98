// The opt-in start at login: the Settings checkbox registers Rapport as an XDG autostart entry
// that starts it minimised (`--minimised`) on this book, and removes it again.
// @ts-check
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { go, screenshot, session, tid } from './helpers.mjs';
import { homeNote } from './94-start-at-login.seed.mjs';

test('Settings turns the start at login on and off', async () => {
  const s = session();
  const dir = process.env.RAPPORT_E2E_DATA_DIR ?? '';
  const home = readFileSync(homeNote(dir), 'utf8');
  const entry = path.join(home, '.config', 'autostart', 'Rapport.desktop');

  await go(s, '#/settings');
  const box = await s.waitForElement(tid('setting-start-at-login'));
  await s.waitFor(async () => (await box.property('disabled')) === false, { message: 'the checkbox is ready' });
  assert.equal(await box.property('checked'), false, 'off until the owner turns it on');
  assert.equal(existsSync(entry), false);

  await box.click();
  await s.waitFor(async () => existsSync(entry), { message: 'the autostart entry is written' });
  const exec =
    readFileSync(entry, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('Exec=')) ?? '';
  assert.match(exec, / --minimised --data-dir /, exec);
  assert.ok(exec.includes(dir) || exec.includes(path.basename(dir)), exec);
  await s.waitFor(async () => (await box.property('checked')) === true, { message: 'the checkbox shows it on' });
  await screenshot(s, 'settings-start-at-login');

  await box.click();
  await s.waitFor(async () => !existsSync(entry), { message: 'the autostart entry is removed' });
  await s.waitFor(async () => !((await box.property('checked')) === true), { message: 'the checkbox shows it off' });
});
