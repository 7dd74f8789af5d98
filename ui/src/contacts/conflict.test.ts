import { afterEach, describe, expect, it } from 'vitest';
import type { ContactInput, EditConflict } from '../api/bindings';
import { conflictLead, settleConflict, settledInput } from './conflict';

const EVIL = '<img src=x onerror=alert(1)>';

function input(over: Partial<ContactInput>): ContactInput {
  return {
    givenName: 'Ann',
    familyName: 'Lee',
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
    ...over,
  };
}

function conflict(): EditConflict {
  return {
    fields: [
      { field: 'talkingPoints', label: 'talking points', theirs: 'asked about sourdough', mine: EVIL },
      { field: 'notes', label: 'notes', theirs: 'theirs', mine: 'mine' },
    ],
    version: 7,
    theirs: input({ talkingPoints: 'asked about sourdough', notes: 'theirs', jobTitle: 'Baker' }),
    merged: input({ talkingPoints: EVIL, notes: 'mine', jobTitle: 'Baker', interests: 'jazz' }),
    lastChange: { by: 'Maja', at: '2026-11-23T09:58:00Z' },
  };
}

afterEach(() => {
  document.body.textContent = '';
});

describe('settling a conflict', () => {
  it('keeps the merged edit and takes theirs only where chosen', () => {
    const settled = settledInput(
      conflict(),
      new Map([
        ['talkingPoints', 'theirs'],
        ['notes', 'mine'],
      ]),
    );
    expect(settled.talkingPoints).toBe('asked about sourdough');
    expect(settled.notes).toBe('mine');
    expect(settled.interests).toBe('jazz');
    expect(settled.jobTitle).toBe('Baker');
  });

  it('says who changed what, and when', () => {
    expect(conflictLead(conflict(), Date.parse('2026-11-23T10:00:00Z'))).toBe(
      'Maja changed talking points and notes 2 minutes ago. Choose which to keep for each; everything else you and they changed is kept.',
    );
    const anonymous = { ...conflict(), lastChange: null, fields: conflict().fields.slice(0, 1) };
    expect(conflictLead(anonymous)).toMatch(/^Someone else changed talking points while you were editing\./);
  });

  it('asks for every field before saving, and shows values as text', async () => {
    const pending = settleConflict(conflict());
    const dialog = document.querySelector('[data-testid=conflict-dialog]');
    expect(dialog).not.toBeNull();
    expect(dialog?.querySelectorAll('img')).toHaveLength(0);
    expect(dialog?.textContent).toContain(EVIL);
    const save = dialog?.querySelector<HTMLButtonElement>('[data-testid=conflict-save]');
    expect(save?.disabled).toBe(true);
    const fields = [...(dialog?.querySelectorAll('[data-testid=conflict-field]') ?? [])];
    fields[0].querySelector<HTMLInputElement>('[data-testid=conflict-theirs]')?.click();
    expect(save?.disabled).toBe(true);
    fields[1].querySelector<HTMLInputElement>('[data-testid=conflict-mine]')?.click();
    expect(save?.disabled).toBe(false);
    save?.click();
    const settled = await pending;
    expect(settled?.talkingPoints).toBe('asked about sourdough');
    expect(settled?.notes).toBe('mine');
  });

  it('goes back to the form without saving', async () => {
    const pending = settleConflict(conflict());
    const back = [...document.querySelectorAll<HTMLButtonElement>('[data-testid=conflict-dialog] button')].find((b) => b.textContent === 'Back to the form');
    back?.click();
    expect(await pending).toBeNull();
  });
});
