import { afterEach, describe, expect, it } from 'vitest';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import type { ContactInput, ImportOptions, ImportPreview, ImportReport } from '../api/bindings';
import { renderImport } from './import';
import { compareContacts } from './compare';

const EVIL = '<img src=x onerror=alert(1)>';
const blank: ContactInput = {
  givenName: '',
  familyName: '',
  prefix: '',
  nickname: '',
  company: '',
  jobTitle: '',
  emails: [],
  phones: [],
  addresses: [],
  birthday: null,
  customerSince: null,
  family: '',
  interests: '',
  talkingPoints: '',
  notes: '',
  tags: [],
  keepInTouchDays: null,
};
const incoming: ContactInput = { ...blank, givenName: EVIL, familyName: 'Lee', jobTitle: 'Head baker', emails: [{ label: '', value: 'ann@x.org' }] };
const existing: ContactInput = { ...blank, givenName: 'Ann', familyName: 'Lee', jobTitle: 'Baker', emails: [{ label: '', value: 'ann@x.org' }] };

function preview(mapping: ImportPreview['mapping']): ImportPreview {
  return {
    format: 'google',
    encoding: 'UTF-8',
    delimiter: 'comma',
    headers: mapping.map((m) => m.header),
    mapping,
    rows: [{ line: 2, displayName: `${EVIL} Lee`, input: { ...incoming, tags: mapping[1].target === 'tags' ? ['Wholesale'] : [] }, problems: [] }],
    totalRows: 1,
    notes: [],
  };
}

const flush = () => new Promise((r) => setTimeout(r, 0));
async function until(check: () => boolean) {
  for (let i = 0; i < 100 && !check(); i += 1) await flush();
  expect(check()).toBe(true);
}

afterEach(() => clearMocks());

describe('the import screen', () => {
  it('previews as text, re-previews on a mapping change, and sends the owner’s choice per duplicate', async () => {
    const calls: { cmd: string; args: Record<string, unknown> }[] = [];
    const report = (dryRun: boolean): ImportReport => ({
      format: 'google',
      encoding: 'UTF-8',
      delimiter: 'comma',
      dryRun,
      rows: 1,
      added: 0,
      merged: dryRun ? 0 : 1,
      skipped: 0,
      refused: [],
      duplicates: [{ line: 2, existingId: 4, existingArchived: false, existing, incoming, reason: 'same email', action: 'skip' }],
      duplicatesFound: 1,
      notes: [],
      mapping: [],
    });
    mockIPC((cmd, args) => {
      calls.push({ cmd, args: args as Record<string, unknown> });
      if (cmd === 'stage_file') return '/data/incoming/google.csv';
      if (cmd === 'import_preview') {
        const mapping = (args as { mapping: ImportPreview['mapping'] | null }).mapping;
        return preview(
          mapping ?? [
            { header: 'First Name', target: 'givenName', slot: 1, label: '' },
            { header: 'Organization Department', target: 'ignore', slot: 1, label: '' },
          ],
        );
      }
      if (cmd === 'import_contacts') return report((args as { options: ImportOptions }).options.dryRun);
      return null;
    });
    const panel = document.createElement('div');
    document.body.append(panel);
    renderImport(panel);

    const input = panel.querySelector<HTMLInputElement>('[data-testid="import-file"]')!;
    Object.defineProperty(input, 'files', { value: [new File(['First Name\nAnn\n'], 'google.csv')] });
    input.dispatchEvent(new Event('change'));
    await until(() => !!panel.querySelector('[data-testid="import-mapping"]'));
    expect(panel.querySelector('img')).toBeNull();
    expect(panel.querySelector('[data-testid="preview-name"]')!.textContent).toBe(`${EVIL} Lee`);

    const select = panel.querySelector<HTMLSelectElement>('[data-testid="map-1"]')!;
    select.value = 'tags';
    select.dispatchEvent(new Event('change'));
    await until(() => (panel.querySelector('[data-testid="import-preview-row"]')?.textContent ?? '').includes('Wholesale'));
    const sent = calls.filter((c) => c.cmd === 'import_preview').pop()!.args.mapping as ImportPreview['mapping'];
    expect(sent[1]).toMatchObject({ header: 'Organization Department', target: 'tags' });

    panel.querySelector<HTMLButtonElement>('[data-testid="import-check"]')!.click();
    await until(() => !!panel.querySelector('[data-testid="dup-2-merge"]'));
    panel.querySelector<HTMLInputElement>('[data-testid="dup-2-merge"]')!.click();
    panel.querySelector<HTMLInputElement>('[data-testid="pick-jobTitle-theirs"]')!.click();
    panel.querySelector<HTMLButtonElement>('[data-testid="import-run"]')!.click();
    await until(() => !!panel.querySelector('[data-testid="import-done"]'));
    const run = calls.filter((c) => c.cmd === 'import_contacts').pop()!.args.options as ImportOptions;
    expect(run.dryRun).toBe(false);
    expect(run.choices).toEqual([
      {
        line: 2,
        action: 'merge',
        picks: [
          { field: 'givenName', incoming: false },
          { field: 'jobTitle', incoming: true },
        ],
      },
    ]);
    expect(panel.querySelector('img')).toBeNull();
    panel.remove();
  });

  it('applies one choice to every duplicate, pages the cards, keeps exceptions and caps the refused list', async () => {
    const calls: ImportOptions[] = [];
    const duplicates = Array.from({ length: 60 }, (_, i) => ({
      line: i + 2,
      existingId: i + 100,
      existingArchived: i === 0,
      existing,
      incoming: { ...incoming, givenName: `Row ${i}` },
      reason: 'same email',
      action: 'skip' as const,
    }));
    const refused = Array.from({ length: 250 }, (_, i) => ({ line: i + 100, reason: 'emails.0: not an email address' }));
    mockIPC((cmd, args) => {
      if (cmd === 'stage_file') return '/data/incoming/again.csv';
      if (cmd === 'import_preview')
        return preview([
          { header: 'First Name', target: 'givenName', slot: 1, label: '' },
          { header: 'X', target: 'ignore', slot: 1, label: '' },
        ]);
      if (cmd === 'import_contacts') {
        const options = (args as { options: ImportOptions }).options;
        calls.push(options);
        return {
          format: 'csv',
          encoding: 'UTF-8',
          delimiter: 'comma',
          dryRun: options.dryRun,
          rows: 1310,
          added: 0,
          merged: 0,
          skipped: 1060,
          refused,
          duplicates,
          duplicatesFound: 1060,
          notes: [],
          mapping: [],
        };
      }
      return null;
    });
    const panel = document.createElement('div');
    document.body.append(panel);
    renderImport(panel);
    const input = panel.querySelector<HTMLInputElement>('[data-testid="import-file"]')!;
    Object.defineProperty(input, 'files', { value: [new File(['First Name\nAnn\n'], 'again.csv')] });
    input.dispatchEvent(new Event('change'));
    await until(() => !!panel.querySelector('[data-testid="import-check"]'));
    panel.querySelector<HTMLButtonElement>('[data-testid="import-check"]')!.click();
    await until(() => !!panel.querySelector('[data-testid="import-duplicates"]'));

    const cards = () => panel.querySelectorAll('[data-testid="import-duplicate"]');
    expect(cards().length).toBe(25);
    expect(panel.querySelector('[data-testid="import-duplicate"]')!.textContent).toContain('In your book (archived)');
    expect(panel.querySelectorAll('[data-testid="import-refused"] tbody tr').length).toBe(200);
    expect(panel.querySelector('[data-testid="import-refused-more"]')!.textContent).toContain('50 more rows');

    // An exception first, then merge for all: the exception stays, the others follow.
    panel.querySelector<HTMLInputElement>('[data-testid="dup-3-keep"]')!.click();
    panel.querySelector<HTMLInputElement>('[data-testid="dup-all-merge"]')!.click();
    expect(panel.querySelector<HTMLInputElement>('[data-testid="dup-2-merge"]')!.checked).toBe(true);
    expect(panel.querySelector<HTMLInputElement>('[data-testid="dup-3-keep"]')!.checked).toBe(true);
    panel.querySelector<HTMLButtonElement>('[data-testid="dup-more"]')!.click();
    expect(cards().length).toBe(50);
    expect(panel.querySelector<HTMLInputElement>('[data-testid="dup-40-merge"]')!.checked).toBe(true); // a new page follows the choice for all
    panel.querySelector<HTMLButtonElement>('[data-testid="dup-more"]')!.click();
    expect(cards().length).toBe(60);
    expect(panel.querySelector<HTMLButtonElement>('[data-testid="dup-more"]')!.hidden).toBe(true);
    // The report lists the first duplicates; the rest are counted and follow the choice for all.
    expect(panel.querySelector('[data-testid="summary-duplicates"]')!.textContent).toBe('1060');
    expect(panel.querySelector<HTMLElement>('[data-testid="dup-unlisted"]')!.hidden).toBe(false);
    expect(panel.querySelector('[data-testid="dup-unlisted"]')!.textContent).toBe('1,000 more duplicates not shown here follow the choice for all.');

    panel.querySelector<HTMLButtonElement>('[data-testid="import-run"]')!.click();
    await until(() => calls.length === 2);
    const run = calls[1];
    expect(run.onDuplicate).toBe('merge');
    expect(run.choices.find((c) => c.line === 3)).toMatchObject({ action: 'keep', picks: [] });
    expect(run.choices.filter((c) => c.action === 'merge').length).toBe(59);
    panel.remove();
  });

  it('shows what a merge adds and escapes every value', () => {
    const view = compareContacts(existing, { ...incoming, emails: [{ label: '', value: '<b>new@x.org</b>' }] }, { mine: EVIL, theirs: 'file' });
    expect(view.node.querySelector('img, b')).toBeNull();
    expect(view.node.textContent).toContain('+ <b>new@x.org</b>');
  });
});
