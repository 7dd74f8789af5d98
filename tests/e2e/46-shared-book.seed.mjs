// Prepares 46-shared-book.test.mjs: a team book on the test PostgreSQL server (the one tests/run
// started, RAPPORT_TEST_PG, or a throwaway one started here), set up with `rapport server init`,
// and two desks joined to it with `rapport server join`: the window's data folder, and a second
// folder the test's command line writes from, as another desk would.
// @ts-check
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** What the window shows once it has started on the shared book: Today. */
export const ready = '[data-testid="new-contact"]';

/** The window signs in with the owner's password (no keyring under test); filled in by `seed`. */
export const appEnv = /** @type {Record<string, string>} */ ({});

/** Where the test finds the other desk and the owner's login. @param {string} dir */
export const deskNote = (dir) => path.join(dir, 'e2e-desk.json');

const here = path.dirname(fileURLToPath(import.meta.url));

/** The test server's admin address: RAPPORT_TEST_PG, or a throwaway server started for this run. */
async function serverUrl() {
  const given = process.env.RAPPORT_TEST_PG;
  if (given) return given;
  const script = path.join(here, '../../src-tauri/scripts/test-postgres.sh');
  // The server lives while its script's input is open: until this process ends.
  const child = spawn('bash', [script, 'serve'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const [line] = await new Promise((resolve, reject) => {
    const lines = createInterface({ input: /** @type {import('node:stream').Readable} */ (child.stdout) });
    lines.once('line', (l) => resolve([l]));
    child.once('exit', (code) => reject(new Error(`the test PostgreSQL server did not start (exit ${code})`)));
  });
  child.unref();
  return line.trim();
}

/** @param {string} dir @param {string} bin */
export async function seed(dir, bin) {
  const admin = new URL(await serverUrl());
  const database = `e2e${process.pid}`;
  admin.pathname = `/${database}`;
  const env = { ...process.env, RAPPORT_TODAY: '2026-11-23' };
  delete env.RAPPORT_SERVER_PASSWORD;
  const ownerLogin = `${database}_olivia`;
  const setup = mkdtempSync(path.join(os.tmpdir(), 'rapport-e2e-server-'));
  const init = JSON.parse(
    execFileSync(
      bin,
      [
        'server',
        'init',
        '--url',
        admin.toString(),
        '--owner',
        'Olivia Owner',
        '--owner-login',
        ownerLogin,
        '--public-host',
        '127.0.0.1',
        '--json',
        '--data-dir',
        setup,
      ],
      { env, stdio: ['ignore', 'pipe', 'pipe'] },
    ).toString(),
  );
  const password = init.ownerLogin.password;
  const otherDesk = mkdtempSync(path.join(os.tmpdir(), 'rapport-e2e-desk-'));
  for (const folder of [dir, otherDesk]) {
    execFileSync(bin, ['server', 'join', init.joinCode, '--login', ownerLogin, '--data-dir', folder], {
      env,
      input: `${password}\n`,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
  }
  // A first customer, so Today shows its lists rather than the first-run welcome.
  execFileSync(bin, ['contacts', 'add', '--first-name', 'Maria', '--last-name', 'Rossi', '--data-dir', otherDesk], {
    env: { ...env, RAPPORT_SERVER_PASSWORD: password },
    stdio: 'pipe',
  });
  appEnv.RAPPORT_SERVER_PASSWORD = password;
  writeFileSync(deskNote(dir), JSON.stringify({ otherDesk, login: ownerLogin, password }));
}
