// A setting changed elsewhere while Settings is open (here from the command line, as another desk
// would) is never written over unseen: the save shows both values, "Keep mine" saves mine.
// @ts-check
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cli, go, screenshot, session, tid, typeInto } from './helpers.mjs';

test('a setting changed elsewhere meanwhile is shown, not written over', async () => {
  const s = session();
  cli('settings', 'set', 'business_address', '1 Rye Lane');
  await go(s, '#/settings');
  const box = await s.waitForElement(tid('setting-business_address'), 15000);
  assert.equal(await s.execute('return arguments[0].value', [box]), '1 Rye Lane');
  cli('settings', 'set', 'business_address', '2 Mill Street');

  await s.execute('arguments[0].value = ""', [box]);
  await typeInto(s, box, '3 Baker Row');
  // Leaving the box saves it, as when the owner clicks or tabs away.
  await s.execute('arguments[0].blur()', [box]);
  const clash = await s.waitForElement(tid('setting-conflict-business_address'), 10000);
  await s.waitFor(async () => (await clash.text()).includes('“2 Mill Street”. Yours: “3 Baker Row”.'), { message: 'both values shown' });
  await s.execute('arguments[0].scrollIntoView({ block: "center" })', [clash]);
  await screenshot(s, 'settings-conflict');
  assert.equal(cli('settings', 'get', 'business_address').value, '2 Mill Street', 'nothing written over');

  await (await s.find(tid('setting-keep-mine-business_address'))).click();
  await s.waitFor(async () => cli('settings', 'get', 'business_address').value === '3 Baker Row', { message: 'mine saved' });
  assert.equal(await clash.displayed(), false);
  await go(s, '#/today');
});
