// A setting changed elsewhere while Settings is open (here from the command line, as another desk
// would) is never written over unseen: the save shows both values, "Keep mine" saves mine.
// @ts-check
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cli, dismissToasts, go, screenshot, session, tid, typeInto } from './helpers.mjs';

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

test('the country envelopes are posted from: a country Rapport does not know is refused, a known one saved', async () => {
  const s = session();
  await go(s, '#/settings');
  const box = await s.waitForElement(tid('setting-home_country'), 15000);
  await s.execute('arguments[0].scrollIntoView({ block: "center" }); arguments[0].value = ""', [box]);
  await typeInto(s, box, 'Swedn');
  await s.execute('arguments[0].blur()', [box]);
  const fieldError = () => s.execute("return document.getElementById('setting-home_country').parentElement.querySelector('.field-error').textContent");
  await s.waitFor(async () => String(await fieldError()).includes('“Swedn” is not a country Rapport knows'), {
    message: 'the refusal shown beside the field',
  });
  assert.equal(cli('settings', 'get', 'home_country').value, '', 'nothing stored');
  await screenshot(s, 'settings-home-country-refused');

  await s.execute('arguments[0].value = ""', [box]);
  await typeInto(s, box, 'Sweden');
  await s.execute('arguments[0].blur()', [box]);
  await s.waitFor(async () => cli('settings', 'get', 'home_country').value === 'Sweden', { message: 'saved' });
  assert.equal(await fieldError(), '', 'the refusal gone once saved');
  cli('settings', 'set', 'home_country', '');
  await dismissToasts(s);
  await go(s, '#/today');
});
