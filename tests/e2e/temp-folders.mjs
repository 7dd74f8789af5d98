// Temporary folders for the e2e tests, removed when the process that made them exits (the
// runner for seeds, each test file's own process for tests), so a run leaves nothing in /tmp.
// @ts-check
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** @type {string[]} */
const made = [];

process.once('exit', () => {
  for (const folder of made) rmSync(folder, { recursive: true, force: true });
});

/**
 * A fresh folder under the system's temporary folder, named `rapport-<purpose>-XXXXXX`.
 * @param {string} purpose
 */
export function tempFolder(purpose) {
  const folder = mkdtempSync(path.join(os.tmpdir(), `rapport-${purpose}-`));
  made.push(folder);
  return folder;
}

/**
 * Removes `folder` with the others when the process exits (a folder made some other way).
 * @param {string} folder
 */
export function removeOnExit(folder) {
  made.push(folder);
}
