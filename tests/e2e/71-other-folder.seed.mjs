// Prepares 71-other-folder.test.mjs: a damaged book with no backup at all, and beside it another
// folder holding a good book of 7 contacts.
// @ts-check
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { removeOnExit } from './temp-folders.mjs';

/** What the window shows once it has started on this data: the recovery screen. */
export const ready = '[data-testid="recovery"]';

/** The other folder, beside the data folder. @param {string} dir */
export const otherFolder = (dir) => `${dir}-elsewhere`;

/** @param {string} dir @param {string} bin */
export async function seed(dir, bin) {
  const env = { ...process.env, RAPPORT_TODAY: '2026-11-23' };
  execFileSync(bin, ['demo', '--contacts', '2000', '--data-dir', dir], { env, stdio: 'pipe' });
  rmSync(path.join(dir, 'backups'), { recursive: true, force: true });
  const book = path.join(dir, 'rapport.db');
  const bytes = readFileSync(book);
  bytes.fill(0xa5, 8192, 40000);
  writeFileSync(book, bytes);
  const other = otherFolder(dir);
  rmSync(other, { recursive: true, force: true });
  removeOnExit(other);
  execFileSync(bin, ['demo', '--contacts', '7', '--seed', '9', '--data-dir', other], { env, stdio: 'pipe' });
}
