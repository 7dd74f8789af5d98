import { afterEach, describe, expect, it } from 'vitest';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import type { ExportOptions } from '../api/bindings';
import { renderExport } from './export';

afterEach(() => clearMocks());

const flush = () => new Promise((r) => setTimeout(r, 0));
async function until(check: () => boolean) {
  for (let i = 0; i < 100 && !check(); i += 1) await flush();
  expect(check()).toBe(true);
}

describe('the export screen', () => {
  it('starts with the accountant’s columns, follows the format, and reports where the file went', async () => {
    const calls: { cmd: string; args: Record<string, unknown> }[] = [];
    mockIPC((cmd, args) => {
      calls.push({ cmd, args: args as Record<string, unknown> });
      if (cmd === 'list_tags') return [{ name: '<b>VIP</b>', count: 2 }];
      if (cmd === 'export_destination') {
        const ext = { csv: 'csv', xlsx: 'xlsx', vcard: 'vcf' }[(args as { format: 'csv' | 'xlsx' | 'vcard' }).format];
        return `/home/ann/Downloads/rapport-contacts-2026-11-23.${ext}`;
      }
      if (cmd === 'export_contacts') return { path: (args as { out: string }).out, contacts: 2, shortenedValues: 0, notes: [] };
      return null;
    });
    const panel = document.createElement('div');
    await renderExport(panel);
    const checked = [...panel.querySelectorAll<HTMLInputElement>('input[type=checkbox]')].filter((b) => b.checked).map((b) => b.dataset.testid);
    expect(checked).not.toContain('export-column-notes');
    expect(checked).not.toContain('export-column-family');
    expect(checked).toContain('export-column-postalCode');
    expect(panel.querySelector('b')).toBeNull();

    const format = panel.querySelector<HTMLSelectElement>('[data-testid="export-format"]')!;
    format.value = 'vcard3';
    format.dispatchEvent(new Event('change'));
    await until(() => panel.querySelector<HTMLInputElement>('[data-testid="export-destination"]')!.value.endsWith('.vcf'));
    expect(panel.querySelector<HTMLSelectElement>('[data-testid="export-delimiter"]')!.closest('label')!.hidden).toBe(true);

    const tag = panel.querySelector<HTMLSelectElement>('[data-testid="export-tag"]')!;
    tag.value = '<b>VIP</b>';
    panel.querySelector<HTMLFormElement>('[data-testid="export-form"]')!.requestSubmit();
    await until(() => !!panel.querySelector('[data-testid="export-path"]'));
    const sent = calls.find((c) => c.cmd === 'export_contacts')!.args;
    expect(sent.options as ExportOptions).toMatchObject({ format: 'vcard', vcardVersion: 'v3', tag: '<b>VIP</b>' });
    expect(sent.out).toBe('/home/ann/Downloads/rapport-contacts-2026-11-23.vcf');
    expect(panel.querySelector('[data-testid="export-path"]')!.textContent).toBe(sent.out);
  });

  it('offers Cancel while exporting and says plainly that no file was written', async () => {
    const calls: string[] = [];
    let reject: (e: unknown) => void = () => {};
    mockIPC((cmd) => {
      calls.push(cmd);
      if (cmd === 'list_tags') return [];
      if (cmd === 'export_destination') return '/home/ann/Downloads/rapport-contacts-2026-11-23.csv';
      if (cmd === 'export_contacts')
        return new Promise((_, no) => {
          reject = no;
        });
      if (cmd === 'cancel_exchange') {
        reject({ code: 'cancelled', message: 'The export was cancelled; no file was written.', fields: [] });
        return null;
      }
      return null;
    });
    const panel = document.createElement('div');
    await renderExport(panel);
    const cancel = panel.querySelector<HTMLButtonElement>('[data-testid="export-cancel"]')!;
    expect(cancel.hidden).toBe(true);
    panel.querySelector<HTMLFormElement>('[data-testid="export-form"]')!.requestSubmit();
    await until(() => calls.includes('export_contacts'));
    expect(cancel.hidden).toBe(false);
    cancel.click();
    await until(() => !!panel.querySelector('[data-testid="export-cancelled"]'));
    expect(calls).toContain('cancel_exchange');
    expect(panel.querySelector('[data-testid="export-error"]')).toBeNull();
    expect(cancel.hidden).toBe(true);
  });
});
