import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { afterEach, describe, expect, it } from 'vitest';
import { renderSettings, short } from './settings';

const flush = () => new Promise((r) => setTimeout(r, 0));

afterEach(() => {
  clearMocks();
  document.body.innerHTML = '';
});

describe('settings', () => {
  it('saves from the value shown, and shows a change made elsewhere instead of writing over it', async () => {
    const calls: { cmd: string; args: unknown }[] = [];
    let stored = 'Rye & Co';
    mockIPC((cmd, args) => {
      calls.push({ cmd, args });
      if (cmd === 'get_settings') return [{ key: 'business_name', value: 'Rye & Co', description: 'your name' }];
      if (cmd === 'save_setting') {
        const { base, value } = args as { base: string; value: string };
        if (base !== stored)
          return { outcome: 'conflict', key: 'business_name', theirs: stored, mine: value, lastChange: { by: 'Maja', at: '2026-11-23T08:30:00Z' } };
        stored = value;
        return { outcome: 'saved', value };
      }
      if (cmd === 'smtp_password_state') return { user: '', stored: false, problem: null };
      if (cmd === 'start_at_login') return false;
      if (cmd === 'app_info') return { shared: false };
      return [];
    });
    const root = document.createElement('div');
    document.body.appendChild(root);
    renderSettings(root);
    await flush();
    await flush();
    const input = root.querySelector('[data-testid=setting-business_name]') as HTMLInputElement;
    // Someone else saves meanwhile.
    stored = 'Rye Bakery';
    input.value = 'Rye & Sons';
    input.dispatchEvent(new Event('change'));
    await flush();
    const clash = root.querySelector('[data-testid=setting-conflict-business_name]') as HTMLElement;
    expect(clash.hidden).toBe(false);
    expect(clash.textContent).toContain('Maja changed it');
    expect(clash.textContent).toContain('“Rye Bakery”. Yours: “Rye & Sons”.');
    expect(stored).toBe('Rye Bakery');
    (root.querySelector('[data-testid=setting-keep-mine-business_name]') as HTMLButtonElement).click();
    await flush();
    expect(stored).toBe('Rye & Sons');
    expect(clash.hidden).toBe(true);
    const saves = calls.filter((c) => c.cmd === 'save_setting').map((c) => (c.args as { base: string }).base);
    expect(saves).toEqual(['Rye & Co', 'Rye Bakery']);
    // The next save is made from what was stored.
    input.value = 'Rye & Daughters';
    input.dispatchEvent(new Event('change'));
    await flush();
    expect(stored).toBe('Rye & Daughters');
  });

  it('quotes a long or multi-line value by its first line', () => {
    expect(short('')).toBe('(empty)');
    expect(short('Ann')).toBe('Ann');
    expect(short('Ann\nRye & Co')).toBe('Ann…');
    expect(short('x'.repeat(70))).toBe(`${'x'.repeat(60)}…`);
  });
});
