import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BookChanged } from '../api/bindings';
import { followChanges, mergeChanges, ownerIsBusy, touchesContact } from './live';

const contacts = (...ids: number[]): BookChanged => ({ contactIds: ids, everything: false, reopened: false });
const everything: BookChanged = { contactIds: [], everything: true, reopened: false };

describe('changes heard', () => {
  it('merge into one, and everything stays everything', () => {
    expect(mergeChanges(null, contacts(3))).toEqual(contacts(3));
    expect(mergeChanges(contacts(3, 4), contacts(4, 9))).toEqual(contacts(3, 4, 9));
    expect(mergeChanges(contacts(3), everything)).toEqual(everything);
    expect(mergeChanges(everything, contacts(3))).toEqual(everything);
    expect(mergeChanges(contacts(3), { ...everything, reopened: true }).reopened).toBe(true);
  });

  it('touch a contact page when they name it or everything changed', () => {
    expect(touchesContact(contacts(3, 4), 4)).toBe(true);
    expect(touchesContact(contacts(3, 4), 5)).toBe(false);
    expect(touchesContact(everything, 5)).toBe(true);
  });
});

describe('ownerIsBusy', () => {
  afterEach(() => {
    document.body.replaceChildren();
  });

  it('is busy while a field on the page has the focus or holds unsaved typing', () => {
    const page = document.createElement('main');
    const note = document.createElement('textarea');
    const button = document.createElement('button');
    page.append(note, button);
    document.body.append(page);
    expect(ownerIsBusy(page)).toBe(false);

    note.focus();
    expect(ownerIsBusy(page)).toBe(true);
    button.focus();
    expect(ownerIsBusy(page), 'a focused button is not typing').toBe(false);

    note.value = 'called about';
    note.dispatchEvent(new Event('input', { bubbles: true }));
    expect(ownerIsBusy(page)).toBe(true);

    // Drawn again (saved): the new field holds nothing typed.
    page.replaceChildren(document.createElement('textarea'));
    expect(ownerIsBusy(page)).toBe(false);

    // A form opened on the page (logging a call) is work in progress, typed in or not.
    page.append(document.createElement('form'));
    expect(ownerIsBusy(page)).toBe(true);
  });
});

describe('followChanges', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('gathers a burst into one refresh and waits while the owner is busy', async () => {
    vi.useFakeTimers();
    let tell: (c: BookChanged) => void = () => {};
    let busy = false;
    const refreshed: BookChanged[] = [];
    followChanges({
      watch: async (onChange) => {
        tell = onChange;
      },
      busy: () => busy,
      refresh: (c) => refreshed.push(c),
    });
    await vi.advanceTimersByTimeAsync(0);

    tell(contacts(1));
    tell(contacts(2));
    await vi.advanceTimersByTimeAsync(200);
    expect(refreshed).toEqual([contacts(1, 2)]);

    busy = true;
    tell(contacts(5));
    await vi.advanceTimersByTimeAsync(3000);
    expect(refreshed).toHaveLength(1);
    tell(everything);
    busy = false;
    await vi.advanceTimersByTimeAsync(600);
    expect(refreshed).toEqual([contacts(1, 2), everything]);
  });

  it('starts watching again when it could not', async () => {
    vi.useFakeTimers();
    let tries = 0;
    followChanges({
      watch: async () => {
        tries += 1;
        if (tries === 1) throw new Error('not yet');
      },
      busy: () => false,
      refresh: () => {},
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(tries).toBe(1);
    await vi.advanceTimersByTimeAsync(6000);
    expect(tries).toBe(2);
  });
});
