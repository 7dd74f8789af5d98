// Imports in the owner's language through the real window: a German Excel sheet (semicolons,
// Windows-1252, "Name;Firma;E-Mail;Telefon;Straße;PLZ;Ort;Land") shows every column going to
// its field in the mapping preview, and the first rows with company, phone and address.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { screenshot, session, tid } from './helpers.mjs';

const FIXTURE = fileURLToPath(new URL('./fixtures/kunden-excel.csv', import.meta.url));

test('a German Excel sheet: every column is mapped in the preview', async () => {
  const s = session();
  await s.execute("location.hash = '#/exchange/import';");
  await s.waitForElement(tid('import-drop'), 20000);
  const input = await s.find(tid('import-file'));
  try {
    await input.sendKeys(FIXTURE);
    await s.waitForElement(tid('import-mapping'), 5000);
  } catch {
    // Where the driver cannot upload, the same bytes go to the same input (Windows-1252 kept).
    await s.execute(
      `const bytes = Uint8Array.from(atob(arguments[1]), (c) => c.charCodeAt(0));
       const data = new DataTransfer();
       data.items.add(new File([bytes], 'kunden-excel.csv', { type: 'text/csv' }));
       const input = document.querySelector(arguments[0]);
       input.files = data.files;
       input.dispatchEvent(new Event('change', { bubbles: true }));`,
      [tid('import-file'), readFileSync(FIXTURE).toString('base64')],
    );
  }
  await s.waitForElement(tid('import-mapping'), 20000);
  assert.equal(await (await s.find(tid('import-encoding'))).text(), 'Windows-1252');
  assert.equal(await (await s.find(tid('import-delimiter'))).text(), 'semicolon (;)');
  assert.equal(await (await s.find(tid('import-count'))).text(), '3');

  // Where each column goes, as the window shows it.
  const mapping = await s.execute(
    `return [...document.querySelectorAll('[data-testid="mapping-row"]')].map((row) => [row.dataset.header, row.querySelector('select').value]);`,
  );
  assert.deepEqual(mapping, [
    ['Name', 'fullName'],
    ['Firma', 'company'],
    ['E-Mail', 'email'],
    ['Telefon', 'phone'],
    ['Straße', 'street'],
    ['PLZ', 'postalCode'],
    ['Ort', 'city'],
    ['Land', 'country'],
  ]);
  assert.equal((await s.findAll('[data-testid="mapping-row"].ignored')).length, 0, 'no column left out');

  // The first rows as they will be stored.
  const rows = await s.execute(
    `return [...document.querySelectorAll('[data-testid="import-preview-row"]')].map((tr) => [...tr.children].map((td) => td.textContent));`,
  );
  assert.equal(rows.length, 3);
  const [hans, anna, cafe] = rows;
  assert.equal(hans[1], 'Hans Müller');
  assert.equal(hans[2], 'Bäckerei Müller GmbH');
  assert.equal(hans[3], 'hans@mueller.example');
  assert.equal(hans[4], '+49 30 1234567');
  assert.match(hans[5], /Hauptstraße 5.*10115.*Berlin.*Deutschland/);
  assert.equal(anna[1], 'Anna Schmidt', '"Schmidt, Anna" is last name first');
  assert.equal(cafe[1], 'Café Luna', 'a business in the name column is a company');
  assert.equal(cafe[2], 'Café Luna');
  await screenshot(s, 'import-german');
});
