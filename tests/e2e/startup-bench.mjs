#!/usr/bin/env node
// Start-up time: from starting the program to the Today screen drawn, on a book of N contacts.
//   RAPPORT_BIN=$PWD/target/release/rapport node tests/e2e/startup-bench.mjs [--contacts 100000] [--runs 7]
// Fills a throwaway data folder with sample customers once, then starts the window RUNS times
// through tauri-driver under Xvfb. The start is the process's own start time (from /proc), the
// end the `today-shown` mark the window sets once Today is drawn, so WebDriver's own start-up
// is not counted. Memory is the program's peak resident size at that moment (WebKit's web
// process, a separate process, is not included). A benchmark, not a test: it asserts nothing.
// @ts-check
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Session } from './webdriver.mjs';
import { display, sleep, startDriver, stopAll, waitUntil } from './launch.mjs';

const bin = path.resolve(process.env.RAPPORT_BIN ?? 'target/release/rapport');
const arg = (/** @type {string} */ name, /** @type {number} */ fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const contacts = arg('--contacts', 100000);
const runs = arg('--runs', 7);

/** Process ids running `file`. @param {string} file */
function running(file) {
  return readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        return readlinkSync(`/proc/${p}/exe`) === file;
      } catch {
        return false;
      }
    });
}

/**
 * When process `pid` started, in milliseconds since 1970 (10 ms resolution). Its start is
 * counted in clock ticks since boot; the boot's time is taken as now less the uptime, both
 * read together (the kernel's `btime` is cut to whole seconds: it put every start up to a
 * second early, 0.36 s on the machine these figures were measured on).
 * @param {string} pid
 */
function startedAt(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start at field 3.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[22 - 3]);
  const hz = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim());
  const uptimeSeconds = Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]);
  const now = Date.now();
  return now - (uptimeSeconds - ticks / hz) * 1000;
}

/** Peak resident memory of `pid`, in MB. @param {string} pid */
function peakMb(pid) {
  const kb = Number(/^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
  return kb / 1024;
}

const quantile = (/** @type {number[]} */ xs, /** @type {number} */ q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
};

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'rapport-startup-'));
try {
  process.stderr.write(`Filling a book with ${contacts} sample customers…\n`);
  execFileSync(bin, ['--data-dir', dataDir, 'demo', '--contacts', String(contacts)], { stdio: ['ignore', 'ignore', 'inherit'] });
  await display();
  const base = await startDriver({ RAPPORT_DATA_DIR: dataDir }, path.resolve('target/startup-tauri-driver.log'));
  /** @type {number[]} */
  const times = [];
  /** @type {number[]} */
  const memory = [];
  /** @type {number[]} */
  const beforePage = [];
  /** @type {number[]} */
  const pageToToday = [];
  for (let run = 0; run < runs; run += 1) {
    const window = await Session.create(base, { browserName: 'wry', 'tauri:options': { application: bin, args: ['--data-dir', dataDir] } });
    /** @type {number | null} */
    let shown = null;
    await waitUntil(
      async () => {
        shown = await window.execute(
          "const m = performance.getEntriesByName('today-shown')[0]; return m ? JSON.stringify({ origin: performance.timeOrigin, shown: m.startTime }) : null;",
        );
        return shown !== null;
      },
      120000,
      'Today to be drawn',
    );
    const [pid] = running(bin);
    // The page's clock starts when its navigation does: before it, the program and WebKit's
    // processes start; after it, the page reads its script, asks for Today and draws it.
    const { origin, shown: inPage } = JSON.parse(String(shown));
    const started = startedAt(pid);
    times.push(origin + inPage - started);
    beforePage.push(origin - started);
    pageToToday.push(inPage);
    memory.push(peakMb(pid));
    await window.cmd('DELETE', '/window').catch(() => {});
    await window.end().catch(() => {});
    await waitUntil(() => running(bin).length === 0, 15000, 'the program to end');
    await sleep(500);
  }
  const ms = (/** @type {number[]} */ xs, /** @type {number} */ q) => `${Math.round(quantile(xs, q)).toLocaleString('en')} ms`;
  console.log('| contacts | runs | median | p95 | to the page (median) | page to Today (median) | peak memory (program) |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|');
  console.log(
    `| ${contacts.toLocaleString('en')} | ${runs} | ${ms(times, 0.5)} | ${ms(times, 0.95)} | ${ms(beforePage, 0.5)} | ${ms(pageToToday, 0.5)} | ${Math.round(quantile(memory, 0.5))} MB |`,
  );
} finally {
  await stopAll();
  await rm(dataDir, { recursive: true, force: true });
}
