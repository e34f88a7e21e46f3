import { describe, expect, it } from 'vitest';
import { agree, differencesOf, reconcile } from '../../../src-main/core/outcomes/double-entry';

const codes = ['a', 'b', 'c', 'd'];
const first = { date: '2025-03-01', answers: { a: 1, b: 0, c: null, d: 2 } };

describe('comparing two typings of a form', () => {
  it('lists each differing item in item order; blank differs from 0', () => {
    const second = { date: '2025-03-01', answers: { d: 1, c: 0, b: 0, a: 1 } };
    const d = differencesOf(codes, first, second);
    expect(d).toEqual({
      date: null,
      items: [
        { code: 'c', first: null, second: 0 },
        { code: 'd', first: 2, second: 1 },
      ],
    });
    expect(agree(d)).toBe(false);
  });

  it('treats an item missing from a typing as blank, and equal typings as agreeing', () => {
    const second = { date: '2025-03-01', answers: { a: 1, b: 0, d: 2 } };
    expect(agree(differencesOf(codes, first, second))).toBe(true);
  });

  it('compares the dates too', () => {
    expect(differencesOf(codes, first, { ...first, date: '2025-03-02' })).toEqual({ date: { first: '2025-03-01', second: '2025-03-02' }, items: [] });
  });
});

describe('reconciling two typings', () => {
  const second = { date: '2025-02-28', answers: { a: 1, b: 1, c: null, d: null } };

  it('asks for every differing item and the date before anything is decided', () => {
    expect(reconcile(codes, first, second, { answers: { b: 0 } })).toEqual({ ok: false, undecided: ['date', 'd'] });
  });

  it('takes agreed items as typed and differing ones as decided, a decided blank included', () => {
    expect(reconcile(codes, first, second, { date: '2025-02-28', answers: { b: 1, d: null } })).toEqual({
      ok: true,
      date: '2025-02-28',
      answers: { a: 1, b: 1, c: null, d: null },
    });
  });

  it('ignores a decision about an item both typed alike', () => {
    expect(reconcile(codes, first, second, { date: '2025-03-01', answers: { a: 3, c: 2, b: 0, d: 2 } })).toEqual({
      ok: true,
      date: '2025-03-01',
      answers: { a: 1, b: 0, c: null, d: 2 },
    });
  });
});
