// Prepares 47-join.test.mjs: a team book on the test PostgreSQL server, set up by the owner, and
// the window on an ordinary book file that has not joined it yet. The test joins from Settings
// with the join code, as a new desk does.
// @ts-check
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { initTeamBook } from './team-server.mjs';

export const ready = '[data-testid="new-contact"]';

/** Where the test finds the join code, login and password. @param {string} dir */
export const joinNote = (dir) => path.join(dir, 'e2e-join.json');

/** @param {string} dir @param {string} bin */
export async function seed(dir, bin) {
  const book = await initTeamBook(bin, `e2ej${process.pid}`);
  execFileSync(bin, ['contacts', 'add', '--first-name', 'Only', '--last-name', 'In-The-File', '--data-dir', dir], {
    env: { ...process.env, RAPPORT_TODAY: '2026-11-23' },
    stdio: 'pipe',
  });
  writeFileSync(joinNote(dir), JSON.stringify(book));
}
