import { afterEach, describe, expect, it } from 'vitest';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import type { ContactDetail } from '../api/bindings';
import { kindInfo, renderContactPage } from './contactPage';
import { setToday } from '../shared/dates';

const EVIL = '<img src=x onerror=alert(1)>';

function detail(): ContactDetail {
  return {
    contact: {
      id: 7,
      displayName: `${EVIL} Smith`,
      companyId: null,
      lastContacted: '2026-11-20',
      archived: false,
      createdAt: '',
      updatedAt: '',
      givenName: EVIL,
      familyName: 'Smith',
      prefix: '',
      nickname: '',
      company: '<b>Bold</b> Bakery',
      jobTitle: '',
      emails: [],
      phones: [],
      addresses: [],
      birthday: null,
      customerSince: null,
      family: '',
      interests: '',
      talkingPoints: '',
      notes: '<script>x()</script>',
      tags: ['<i>tag</i>'],
      keepInTouchDays: null,
    },
    timeline: [
      { id: 1, contactId: 7, kind: 'call', happenedOn: '2026-11-20', note: 'older', handledBy: 'Mia', resolved: false },
      { id: 2, contactId: 7, kind: 'complaint', happenedOn: '2026-11-22', note: '<img src=y>', handledBy: '', resolved: false },
    ],
    referredBy: { id: 9, displayName: EVIL, company: '', email: '', phone: '', tags: [], lastContacted: null, customerSince: null, archived: false },
    referred: [],
    testimonials: [],
    replies: [],
    promises: [],
    followUps: [{ id: 4, contactId: 7, dueOn: '2026-11-21', note: EVIL, assignedTo: '<i>Mia</i>', doneByTouchpoint: null }],
    version: 3,
    lastChange: { by: EVIL, at: '2026-11-23T08:30:00Z' },
  };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

afterEach(() => {
  clearMocks();
  document.body.textContent = '';
});

describe('contact page', () => {
  it('shows a name containing HTML as text, never as elements', async () => {
    setToday('2026-11-23');
    mockIPC((cmd) => {
      if (cmd === 'get_contact') return detail();
      if (cmd === 'staff_names') return [];
      if (cmd === 'contact_photo_data_url') return null;
      throw new Error(`unexpected ${cmd}`);
    });
    const root = document.createElement('div');
    document.body.appendChild(root);
    renderContactPage(root, 7);
    await flush();
    await flush();
    const name = root.querySelector('[data-testid=contact-name]');
    expect(name?.textContent).toBe(`${EVIL} Smith`);
    expect(root.querySelectorAll('img, b, i, script')).toHaveLength(0);
    expect(root.textContent).toContain('<b>Bold</b> Bakery');
    // A follow-up's words and who it is for, as text; two days late is said so.
    const followUp = root.querySelector('[data-testid=follow-up]');
    expect(followUp?.querySelector('[data-testid=follow-up-note]')?.textContent).toBe(EVIL);
    expect(followUp?.querySelector('[data-testid=follow-up-when]')?.textContent).toBe('2 days overdue');
    expect(followUp?.textContent).toContain('for <i>Mia</i>');
    // Who sent them, as text, linking to their page.
    const referrer = root.querySelector('[data-testid=referred-by]');
    expect(referrer?.textContent).toBe(EVIL);
    expect(referrer?.getAttribute('href')).toBe('#/contact/9');
    // Who changed it last (the team's book), as text too.
    expect(root.querySelector('[data-testid=contact-changed]')?.textContent).toMatch(/^Changed by <img src=x onerror=alert\(1\)>, /);
  });

  it('lists the timeline newest first with the complaint open', async () => {
    mockIPC((cmd) => (cmd === 'get_contact' ? detail() : []));
    const root = document.createElement('div');
    document.body.appendChild(root);
    renderContactPage(root, 7);
    await flush();
    await flush();
    const kinds = [...root.querySelectorAll('[data-testid=touchpoint]')].map((n) => n.getAttribute('data-kind'));
    expect(kinds).toEqual(['complaint', 'call']);
    expect(root.querySelector('[data-testid=complaint-state]')?.textContent).toBe('Open · 1 day');
  });

  it('logs a touchpoint in two clicks with today prefilled', async () => {
    setToday('2026-11-23');
    const calls: { cmd: string; args: unknown }[] = [];
    mockIPC((cmd, args) => {
      calls.push({ cmd, args });
      if (cmd === 'get_contact') return detail();
      if (cmd === 'log_touchpoint')
        return { id: 3, contactId: 7, kind: 'call', happenedOn: '2026-11-23', note: 'Asked about rye', handledBy: '', resolved: false };
      return [];
    });
    const root = document.createElement('div');
    document.body.appendChild(root);
    renderContactPage(root, 7);
    await flush();
    await flush();
    (root.querySelector('[data-testid=log-call]') as HTMLButtonElement).click();
    const note = root.querySelector('[data-testid=log-note]') as HTMLTextAreaElement;
    expect(document.activeElement).toBe(note);
    expect((root.querySelector('[data-testid=log-date]') as HTMLInputElement).value).toBe('2026-11-23');
    note.value = 'Asked about rye';
    (root.querySelector('[data-testid=log-save]') as HTMLButtonElement).click();
    await flush();
    const log = calls.find((c) => c.cmd === 'log_touchpoint');
    expect(log?.args).toEqual({ contactId: 7, touchpoint: { kind: 'call', happenedOn: '2026-11-23', note: 'Asked about rye', handledBy: '' }, promise: null });
  });

  it('puts a house answer into the note, a promise into the promise, and shows the last promise', async () => {
    setToday('2026-11-23');
    const calls: { cmd: string; args: unknown }[] = [];
    mockIPC((cmd, args) => {
      calls.push({ cmd, args });
      if (cmd === 'get_contact') return { ...detail(), promises: [{ touchpointId: 2, promise: '<b>A new cake</b>', madeOn: '2026-11-22', madeBy: 'Kim' }] };
      if (cmd === 'house_answers')
        return [
          { id: 1, topic: 'Opening hours', answer: 'Tue–Sat 8–6', isPromise: false },
          { id: 2, topic: 'Returns', answer: 'A refund within 14 days', isPromise: true },
        ];
      if (cmd === 'log_touchpoint') return { id: 3, contactId: 7, kind: 'call', happenedOn: '2026-11-23', note: '', handledBy: '', resolved: false };
      return [];
    });
    const root = document.createElement('div');
    document.body.appendChild(root);
    renderContactPage(root, 7);
    await flush();
    await flush();
    const last = root.querySelector('[data-testid=last-promise]') as HTMLElement;
    expect(last.textContent).toContain('“<b>A new cake</b>”');
    expect(last.textContent).toContain('Kim');
    expect(root.querySelector('[data-testid=touchpoint-promise]')?.textContent).toBe('Promised: <b>A new cake</b>');
    (root.querySelector('[data-testid=log-call]') as HTMLButtonElement).click();
    await flush();
    const use = root.querySelectorAll<HTMLButtonElement>('[data-testid=house-answer-use]');
    expect(use.length).toBe(2);
    const note = root.querySelector('[data-testid=log-note]') as HTMLTextAreaElement;
    note.value = 'Asked when we open.';
    note.setSelectionRange(note.value.length, note.value.length);
    use[0].click();
    use[1].click();
    expect(note.value).toBe('Asked when we open.\nTue–Sat 8–6');
    expect((root.querySelector('[data-testid=log-promise]') as HTMLInputElement).value).toBe('A refund within 14 days');
    (root.querySelector('[data-testid=log-save]') as HTMLButtonElement).click();
    await flush();
    const log = calls.find((c) => c.cmd === 'log_touchpoint') as { args: { promise: string } };
    expect(log.args.promise).toBe('A refund within 14 days');
  });
});

it('labels the kinds the app records itself', () => {
  expect(kindInfo('welcomeSent').label).toBe('Welcome sent');
  expect(kindInfo('cardSent').label).toBe('Card sent');
});
