import { describe, expect, it } from 'vitest';
import type { ErrorCode, Recovery, RecoveryCandidate } from '../api/bindings';
import { preselected, recoveryText } from './model';

const backup = (name: string, problem: string | null): RecoveryCandidate => ({
  name,
  path: `/data/backups/${name}`,
  bytes: 4096,
  modified: '2026-11-20 08:00',
  contacts: problem ? null : 12,
  problem,
});

const recovery = (code: ErrorCode, backups: RecoveryCandidate[]): Recovery => ({
  code,
  message: 'details',
  dataDir: '/data',
  databasePath: '/data/rapport.db',
  canRestore: code === 'corrupt',
  backups,
});

describe('recovery screen', () => {
  it('offers the newest backup that passed its check', () => {
    const r = recovery('corrupt', [backup('rapport-2026-11-22.db', 'damaged'), backup('rapport-2026-11-21.db', null), backup('rapport-2026-11-20.db', null)]);
    expect(preselected(r)?.name).toBe('rapport-2026-11-21.db');
    expect(recoveryText(r).advice).toMatch(/Restore the newest good backup/);
  });

  it('says so when no backup is good', () => {
    const r = recovery('corrupt', [backup('rapport-2026-11-22.db', 'damaged')]);
    expect(preselected(r)).toBeNull();
    expect(recoveryText(r).advice).toMatch(/No good backup/);
    expect(recoveryText(r).advice).toMatch(/open another folder below/);
  });

  it('asks the owner to wait while another window imports, rather than blaming another program', () => {
    const text = recoveryText(recovery('busy', []));
    expect(text.title).toMatch(/busy/);
    expect(text.advice).toMatch(/Wait a moment/);
    expect(text.lead).not.toMatch(/Another program/);
  });

  it('tells the owner to update for a newer book and offers nothing', () => {
    const r = recovery('tooNew', []);
    expect(recoveryText(r).advice).toMatch(/Update Rapport/);
    expect(preselected(r)).toBeNull();
  });
});
