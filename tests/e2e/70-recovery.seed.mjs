// Prepares 70-recovery.test.mjs: before the window opens, a book of 2,012 contacts that a
// failing disk has scribbled over, a good backup of its first 12 contacts, and a newer backup
// that is as damaged as the book.
// @ts-check
import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** What the window shows once it has started on this data: the recovery screen. */
export const ready = '[data-testid="recovery"]';

/** @param {string} dir @param {string} bin */
export async function seed(dir, bin) {
  const rapport = (/** @type {string[]} */ ...args) =>
    execFileSync(bin, [...args, '--data-dir', dir], { env: { ...process.env, RAPPORT_TODAY: '2026-11-23' }, stdio: 'pipe' });
  rapport('demo', '--contacts', '12');
  const good = path.join(dir, 'backups', 'rapport-2026-11-21.db');
  rapport('backup', '--out', good);
  rapport('demo', '--contacts', '2000', '--seed', '4');
  const book = path.join(dir, 'rapport.db');
  const bytes = readFileSync(book);
  bytes.fill(0xa5, 8192, 40000);
  writeFileSync(book, bytes);
  const damaged = path.join(dir, 'backups', 'rapport-2026-11-22.db');
  copyFileSync(book, damaged);
  // The damaged backup is the newest; the good one a day older.
  const now = Date.now() / 1000;
  utimesSync(good, now - 86400, now - 86400);
  utimesSync(damaged, now - 3600, now - 3600);
}
