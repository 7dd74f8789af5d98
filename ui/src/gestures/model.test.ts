import { describe, expect, it } from 'vitest';
import type { ComplaintLoop, GestureKindInfo } from '../api/bindings';
import { composerKinds, gestureSentLabel, loopState, loyalSince, quarterLine, unknownFields } from './model';

const loop = (over: Partial<ComplaintLoop>): ComplaintLoop => ({
  complaintId: 1,
  contactId: 2,
  complainedOn: '2026-11-20',
  complaint: 'melted icing',
  stage: 'open',
  apologisedOn: null,
  putRightOn: null,
  whatWeDid: '',
  putRightBy: '',
  checkedBackOn: null,
  outcome: null,
  ...over,
});

describe('gesture rules', () => {
  it('names a gesture entry by its kind', () => {
    expect(gestureSentLabel('Thank-you sent (in person / by phone): Thank you')).toBe('Thank-you sent');
    expect(gestureSentLabel('something else')).toBeNull();
  });

  it('offers each loop step in order, none once closed', () => {
    expect(loopState(loop({})).next).toBe('apologise');
    expect(loopState(loop({ stage: 'apologised', apologisedOn: '2026-11-21' }))).toEqual({ text: 'Apologised 2026-11-21', next: 'putRight' });
    expect(loopState(loop({ stage: 'putRight', whatWeDid: 'new cake', putRightBy: 'Ann' }))).toEqual({
      text: 'Put right: new cake (by Ann)',
      next: 'checkBack',
    });
    expect(loopState(loop({ stage: 'closed', outcome: 'happy' }))).toEqual({ text: 'Checked back — happy', next: null });
  });

  it('counts the quarter in words', () => {
    expect(quarterLine(0, 0)).toBe('0 complaints ended happy this quarter');
    expect(quarterLine(1, 1)).toBe('1 complaint ended happy this quarter (of 1 closed)');
  });

  it('leaves the welcome to its own composer', () => {
    const k = (kind: string) => ({ kind }) as GestureKindInfo;
    expect(composerKinds([k('welcome'), k('thank-you')]).map((x) => x.kind)).toEqual(['thank-you']);
  });
});

describe('unknownFields', () => {
  it('names fields the kind does not know, once, and ignores literal braces', () => {
    const known = ['first_name', 'signature'];
    expect(unknownFields('Thanks {first_name} {{not}} {prodct} {prodct} {signature}', known)).toEqual(['{prodct}']);
    expect(unknownFields('Dear {first_name}', known)).toEqual([]);
  });
});

describe('loyalSince', () => {
  it('names a customer of two full years or more as loyal', () => {
    expect(loyalSince('2019-05-01', '2026-11-23')).toBe('a customer since 2019');
    expect(loyalSince('2024-11-23', '2026-11-23')).toBe('a customer since 2024');
    expect(loyalSince('2024-11-24', '2026-11-23')).toBeNull();
    expect(loyalSince('2026-01-01', '2026-11-23')).toBeNull();
    expect(loyalSince(null, '2026-11-23')).toBeNull();
    expect(loyalSince('soon', '2026-11-23')).toBeNull();
  });
});
