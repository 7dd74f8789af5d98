import { afterEach, describe, expect, it, vi } from 'vitest';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { openWelcomeComposer } from './composer';

// pdf.js does not run under happy-dom; the preview is drawn by the real window only.
vi.mock('../cards/preview', () => ({ renderPdf: vi.fn(async () => 1) }));

const EVIL = '<img src=x onerror=alert(1)>';
const flush = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
};
const q = <T extends HTMLElement>(testid: string) => document.querySelector(`[data-testid="${testid}"]`) as T;

afterEach(() => {
  clearMocks();
  document.body.textContent = '';
});

describe('welcome composer', () => {
  it('saves a draft, says it is marked as welcomed, keeps the path when no mail program opens, and undoes the mark', async () => {
    const calls: { cmd: string; args: unknown }[] = [];
    mockIPC((cmd, args) => {
      calls.push({ cmd, args });
      switch (cmd) {
        case 'list_photos':
          return [];
        case 'welcome_preview':
          return { contactId: 7, to: `${EVIL} <a@b.example>`, subject: `Welcome, ${EVIL}!`, text: 'Dear you,\n\nHello.', photoDataUrl: null, photoNote: null };
        case 'save_welcome_draft':
          return { path: '/data/drafts/welcome-7-20261123.eml', messageId: '<m@x>', touchpointId: 42 };
        case 'open_welcome_file':
          throw { code: 'cannotOpen', message: 'No mail program could be opened: xdg-open is missing.', fields: [] };
        case 'delete_touchpoint':
          return null;
        default:
          throw new Error(`unexpected ${cmd}`);
      }
    });
    let done = 0;
    await openWelcomeComposer(7, () => done++);
    expect(q('welcome-subject').textContent).toBe(`Subject: Welcome, ${EVIL}!`);
    expect(document.querySelectorAll('.dialog img')).toHaveLength(0);

    q<HTMLButtonElement>('welcome-save-draft').click();
    await flush();
    expect(q('welcome-done').hidden).toBe(false);
    expect(q('welcome-done-headline').textContent).toContain('marked as welcomed');
    expect(q('welcome-saved-path').textContent).toBe('/data/drafts/welcome-7-20261123.eml');
    expect(q('welcome-open-status').textContent).toBe('No mail program could be opened: xdg-open is missing.');
    expect(calls.find((c) => c.cmd === 'open_welcome_file')?.args).toEqual({ path: '/data/drafts/welcome-7-20261123.eml' });
    expect(done).toBe(1);

    q<HTMLButtonElement>('welcome-undo').click();
    await flush();
    expect(calls.find((c) => c.cmd === 'delete_touchpoint')?.args).toEqual({ touchpointId: 42 });
    expect(q('welcome-done').hidden).toBe(true);
    expect(q<HTMLButtonElement>('welcome-save-draft').disabled).toBe(false);
    expect(done).toBe(2);
  });

  it('offers only the printed card to a customer without an email address', async () => {
    const calls: { cmd: string; args: unknown }[] = [];
    mockIPC((cmd, args) => {
      calls.push({ cmd, args });
      switch (cmd) {
        case 'list_photos':
          return [];
        case 'welcome_preview':
          throw { code: 'noEmail', message: 'Bo has no email address. Add one on their page, then welcome them.', fields: [] };
        case 'print_welcome_card':
          return { path: '/data/cards/welcome-8-20261123.pdf', bytes: 12345, touchpointId: 9 };
        case 'open_welcome_file':
          return null;
        case 'read_cards_pdf':
          return new ArrayBuffer(8);
        default:
          throw new Error(`unexpected ${cmd}`);
      }
    });
    await openWelcomeComposer(8, () => {});
    expect(q('welcome-problem').textContent).toContain('no email address');
    expect(q<HTMLButtonElement>('welcome-save-draft').disabled).toBe(true);
    expect(q<HTMLButtonElement>('welcome-send').disabled).toBe(true);
    expect(q<HTMLButtonElement>('welcome-print-card').disabled).toBe(false);
    // No error toast for what the composer already explains.
    expect(document.querySelectorAll('[data-testid=toast]')).toHaveLength(0);

    q<HTMLButtonElement>('welcome-print-card').click();
    await flush();
    expect(calls.find((c) => c.cmd === 'print_welcome_card')?.args).toEqual({ contactId: 8, choice: { kind: 'default' }, format: 'folded-a4' });
    expect(q('welcome-done-headline').textContent).toContain('Card printed');
    expect(q('welcome-open-status').textContent).toContain('PDF viewer');
    expect(q('welcome-card-preview').dataset.rendered).toBe('yes');
  });
});
