// Prepares 94-start-at-login.test.mjs: a small book, and the window started with a home folder
// of its own, so turning "Start Rapport at login" on writes the autostart entry there and never
// in the home of whoever runs the tests.
// @ts-check
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempFolder } from './temp-folders.mjs';

/** What the window shows once it has started on this data: Today. */
export const ready = '[data-testid="new-contact"]';

const home = tempFolder('e2e-home');
export const appEnv = { HOME: home };

/** Where the test finds that home folder. @param {string} dir */
export const homeNote = (dir) => path.join(dir, 'e2e-home.txt');

/** @param {string} dir @param {string} bin */
export async function seed(dir, bin) {
  const env = { ...process.env, RAPPORT_TODAY: '2026-11-23' };
  execFileSync(bin, ['demo', '--contacts', '20', '--data-dir', dir], { env, stdio: 'pipe' });
  writeFileSync(homeNote(dir), home);
}
