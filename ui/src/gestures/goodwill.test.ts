import { describe, expect, it } from 'vitest';
import type { Goodwill } from '../api/bindings';
import { givenLine, problemsLine } from './goodwill';

const base: Goodwill = {
  customerSince: null,
  years: null,
  welcomes: 0,
  cards: 0,
  gestures: 0,
  gifts: 0,
  giftValueCents: 0,
  purchases: 0,
  compliments: 0,
  complaints: 0,
  openComplaints: 0,
  cardReturnedOn: null,
  summary: '',
};

describe('goodwill lines', () => {
  it('names what was given, or says nothing yet', () => {
    expect(givenLine(base)).toBe('nothing yet');
    expect(givenLine({ ...base, welcomes: 1, cards: 4, gestures: 2 })).toBe('1 welcome · 4 cards · 2 gestures');
    expect(givenLine({ ...base, gifts: 2, giftValueCents: 1550 })).toBe('2 gifts (15.50)');
  });
  it('names the problems, open and put right', () => {
    expect(problemsLine(base)).toBe('none');
    expect(problemsLine({ ...base, complaints: 3, openComplaints: 1, cardReturnedOn: '2026-11-02' })).toBe(
      '1 complaint open · 2 complaints put right · a card came back',
    );
  });
});
