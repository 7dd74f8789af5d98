// Exchange through the real window: a Google Contacts CSV is imported through the mapping
// preview (one column mapped by hand), the duplicate of a contact already in the book is merged
// field by field, and the CSV export for the accountant is read back with a quote-aware parser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { screenshot, session, tid, typeInto } from './helpers.mjs';

const BIN = resolve(process.env.RAPPORT_BIN ?? 'target/debug/rapport');
const FIXTURE = fileURLToPath(new URL('./fixtures/google-contacts.csv', import.meta.url));

/**
 * RFC 4180 records: quoted fields may hold the delimiter, doubled quotes and line breaks.
 * @param {string} text @param {string} delimiter
 */
export function parseCsv(text, delimiter = ',') {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Selects `value` in a <select> the way a person does, with a change event. */
async function choose(s, testid, value) {
  await s.execute(`const el = document.querySelector(arguments[0]); el.value = arguments[1]; el.dispatchEvent(new Event('change', { bubbles: true }));`, [
    tid(testid),
    value,
  ]);
}

/**
 * Clicks what `find` returns once the list it is in has settled: results re-render while the
 * owner types, so an element found a moment ago may be replaced; then it is found again.
 */
async function clickSettled(s, find, what) {
  await s.waitFor(
    async () => {
      const element = await find();
      if (!element) return false;
      try {
        await element.click();
        return true;
      } catch {
        return false;
      }
    },
    { timeout: 10000, message: what },
  );
}

/** Reloads the window at `hash` (to show what the command line added) and waits for the new page. */
async function reloadAt(s, hash) {
  await s.execute('window.__beforeReload = true; location.hash = arguments[0]; location.reload();', [hash]);
  await s.waitFor(async () => (await s.execute('return window.__beforeReload !== true && document.readyState === "complete";')) === true, {
    timeout: 20000,
    message: 'the window to reload',
  });
}

const texts = async (s, css) => Promise.all((await s.findAll(css)).map((e) => e.text()));

test('import a Google CSV through the mapping preview, merge a duplicate, export CSV for the accountant', async () => {
  const s = session();
  const dataDir = process.env.RAPPORT_E2E_DATA_DIR;
  assert.ok(dataDir, 'run through tests/e2e/run.mjs');
  const outDir = mkdtempSync(join(os.tmpdir(), 'rapport-e2e-export-'));
  try {
    // Ann is already in the book, with an older job title.
    execFileSync(
      BIN,
      [
        'contacts',
        'add',
        '--first-name',
        'Ann',
        '--last-name',
        'Lee',
        '--company',
        'Lee & Sons, Bakery',
        '--job-title',
        'Baker',
        '--email',
        'ann@leebakery.example',
        '--data-dir',
        dataDir,
      ],
      { env: { ...process.env, RAPPORT_TODAY: '2026-11-23' } },
    );
    await reloadAt(s, '#/exchange/import');
    await s.waitForElement(tid('import-drop'), 20000);
    await screenshot(s, 'import-choose');

    // Choose the file: WebDriver's file upload, as the file chooser would; where the driver
    // cannot, the same File goes to the same input through a DataTransfer.
    const input = await s.find(tid('import-file'));
    try {
      await input.sendKeys(FIXTURE);
      await s.waitForElement(tid('import-mapping'), 5000);
    } catch {
      await s.execute(
        `const input = document.querySelector(arguments[0]);
         const data = new DataTransfer();
         data.items.add(new File([arguments[1]], 'google-contacts.csv', { type: 'text/csv' }));
         input.files = data.files;
         input.dispatchEvent(new Event('change', { bubbles: true }));`,
        [tid('import-file'), readFileSync(FIXTURE, 'utf8')],
      );
    }
    await s.waitForElement(tid('import-mapping'), 20000);

    // How the file reads, shown before anything is stored.
    assert.equal(await (await s.find(tid('import-encoding'))).text(), 'UTF-8');
    assert.equal(await (await s.find(tid('import-delimiter'))).text(), 'comma (,)');
    assert.equal(await (await s.find(tid('import-count'))).text(), '5');
    assert.match(await s.execute(`const f = document.querySelector(arguments[0]); return f.options[f.selectedIndex].text;`, [tid('import-format')]), /Google/);
    const names = await texts(s, tid('preview-name'));
    assert.ok(names.includes('Ann Lee') && names.includes('Bruno Costa') && names.includes('<b>Kim</b> Park'), names.join(' | '));

    // The department column is not imported by default; the owner sends it to the tags and the
    // preview shows the rows as they will now be stored.
    const department = await s.execute(
      `return [...document.querySelectorAll('[data-testid="mapping-row"]')].findIndex((row) => row.dataset.header === 'Organization Department');`,
    );
    assert.ok(department >= 0, 'the Organization Department column is listed');
    assert.equal(await s.execute(`return document.querySelector(arguments[0]).value;`, [tid(`map-${department}`)]), 'ignore');
    await choose(s, `map-${department}`, 'tags');
    await s.waitFor(
      async () => {
        const rows = await s.findAll(tid('import-preview-row'));
        for (const row of rows) if ((await row.text()).includes('Bruno Costa') && (await row.text()).includes('Wholesale')) return true;
        return false;
      },
      { timeout: 10000, message: 'the preview to show Bruno tagged Wholesale' },
    );
    await screenshot(s, 'import');

    // The dry run: 4 new, Ann already in the book, nothing refused.
    await (await s.find(tid('import-check'))).click();
    await s.waitForElement(tid('import-summary'), 20000);
    assert.equal(await (await s.find(tid('summary-added'))).text(), '4');
    assert.equal(await (await s.find(tid('summary-duplicates'))).text(), '1');
    assert.equal(await (await s.find(tid('summary-refused'))).text(), '0');
    const duplicate = await s.find(tid('import-duplicate'));
    assert.equal(await duplicate.attribute('data-line'), '2');

    // Merge Ann, taking the job title from the file.
    await (await s.find(tid('dup-2-merge'))).click();
    await (await s.find(tid('pick-jobTitle-theirs'))).click();
    await screenshot(s, 'import-duplicate');
    await (await s.find(tid('import-run'))).click();
    const done = await s.waitForElement(tid('import-done-counts'), 30000);
    assert.equal(await done.text(), '4 contacts added, 1 merged, 0 skipped, 0 refused.');

    // Export for the accountant, with the job title ticked on top of the defaults.
    await s.execute("location.hash = '#/exchange/export';");
    const destination = await s.waitForElement(tid('export-destination'), 20000);
    assert.match(await destination.property('value'), /rapport-contacts-2026-11-23\.csv$/);
    const out = join(outDir, 'for-the-accountant.csv');
    await typeInto(s, destination, out);
    await (await s.find(tid('export-column-jobTitle'))).click();
    await (await s.find(tid('export-run'))).click();
    const path = await s.waitForElement(tid('export-path'), 30000);
    assert.equal(await path.text(), out);
    await s.execute(`document.querySelector(arguments[0]).scrollIntoView({ block: 'center' });`, [tid('export-done')]);
    await screenshot(s, 'export');

    const bytes = readFileSync(out);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with BOM for Excel');
    const [header, ...rows] = parseCsv(bytes.subarray(3).toString('utf8'));
    const column = (name) => {
      const i = header.indexOf(name);
      assert.ok(i >= 0, `column ${name} in ${header.join(',')}`);
      return i;
    };
    const byName = new Map(rows.map((r) => [r[column('Name')], r]));
    for (const name of ['Ann Lee', 'Bruno Costa', 'Zoë Ångström', '<b>Kim</b> Park'])
      assert.ok(byName.has(name), `${name} in ${[...byName.keys()].join(' | ')}`);
    assert.ok(
      [...byName.keys()].some((n) => n.includes('美咲')),
      'the Japanese name is exported',
    );
    assert.equal(rows.filter((r) => r[column('Name')] === 'Ann Lee').length, 1, 'Ann was merged, not added twice');
    const ann = byName.get('Ann Lee');
    assert.equal(ann[column('Job title')], 'Head baker', 'the picked value won');
    assert.match(ann[column('Tags')], /vip/i, 'the tags were combined');
    assert.equal(ann[column('Postal code')], '01234', 'leading zero kept');
    assert.match(byName.get('Bruno Costa')[column('Tags')], /wholesale/i, 'an existing tag is reused whatever its case');
    assert.equal(byName.get('Bruno Costa')[column('Street')], 'Flat 2, 10 Market Street');
    assert.ok(byName.get('<b>Kim</b> Park')[column('Company')].startsWith("'="), 'a formula is neutralised');
    assert.ok(!header.includes('Notes') && !header.includes('Family'), 'no personal details by default');
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
});

test('two contacts are merged from the contact page, field by field', async () => {
  const s = session();
  const dataDir = process.env.RAPPORT_E2E_DATA_DIR;
  assert.ok(dataDir, 'run through tests/e2e/run.mjs');
  // The same Bruno, entered once more by hand with his home email and another title.
  execFileSync(
    BIN,
    ['contacts', 'add', '--first-name', 'Bruno', '--last-name', 'Costa', '--job-title', 'Owner', '--email', 'bruno@home.example', '--data-dir', dataDir],
    { env: { ...process.env, RAPPORT_TODAY: '2026-11-23' } },
  );
  await reloadAt(s, '#/contacts');
  const search = await s.waitForElement(tid('search'), 20000);
  await typeInto(s, search, 'bruno@costagarden');
  await clickSettled(
    s,
    async () => {
      const rows = await s.findAll(`${tid('contact-row')} ${tid('row-name')}`);
      return rows.length === 1 ? rows[0] : null;
    },
    'one row for bruno@costagarden',
  );
  await s.waitForElement(tid('contact-page'));

  await (await s.find(tid('contact-merge'))).click();
  await s.waitForElement(tid('merge-dialog'));
  await typeInto(s, await s.find(tid('merge-search')), 'bruno@home');
  await clickSettled(
    s,
    async () => {
      for (const result of await s.findAll(tid('merge-result'))) if ((await result.text()).includes('bruno@home.example')) return result;
      return null;
    },
    'the other Bruno in the results',
  );
  await s.waitForElement(tid('compare-jobTitle'));
  await (await s.find(tid('pick-jobTitle-theirs'))).click();
  await screenshot(s, 'merge');
  await (await s.find(tid('merge-confirm'))).click();
  await s.waitFor(async () => (await s.findAll(tid('merge-dialog'))).length === 0, { message: 'the merge dialog to close' });
  await s.waitFor(async () => /Owner/.test(await (await s.find(tid('contact-subtitle'))).text()), { message: 'the picked job title' });
  const page = await (await s.find(tid('contact-page'))).text();
  assert.match(page, /bruno@costagarden\.example/);
  assert.match(page, /bruno@home\.example/);

  // Backup and the list of backups.
  await s.execute("location.hash = '#/exchange/backup';");
  await (await s.waitForElement(tid('backup-now'), 20000)).click();
  const saved = await s.waitForElement(tid('backup-path'), 20000);
  assert.match(await saved.text(), /rapport-backup-.*\.db$/);
  const rows = await s.findAll(tid('backup-row'));
  assert.ok(rows.length >= 2, 'the daily backup and this one are listed');
  await screenshot(s, 'backup');

  // Restore the backup just made: confirmed, then the window reloads on the restored book.
  await s.execute('window.__beforeReload = true;');
  await (await s.find(`${tid('backup-row')} ${tid('restore-row')}`)).click();
  const dialog = await s.waitForElement(tid('restore-dialog'));
  assert.match(await dialog.text(), /kept as a backup/);
  await (await s.find(tid('restore-confirm'))).click();
  await s.waitFor(async () => (await s.execute('return window.__beforeReload !== true;')) === true, { timeout: 20000, message: 'the window to reload' });
  await s.waitFor(
    async () => {
      for (const t of await s.findAll(tid('toast'))) if (/^Restored \d+ contacts/.test(await t.text())) return true;
      return false;
    },
    { timeout: 20000, message: 'the "Restored" message' },
  );
  assert.ok((await s.findAll(tid('backup-row'))).some(Boolean));
  const kinds = await texts(s, `${tid('backup-row')} td:nth-child(4)`);
  assert.ok(kinds.includes('Before a restore'), kinds.join(', '));
});
