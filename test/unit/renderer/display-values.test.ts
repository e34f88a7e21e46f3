import { describe, expect, it } from 'vitest';
import { ApiError, asApiError } from '../../../src-renderer/api/errors';
import { todayIso } from '../../../src-renderer/lib/dates';
import { percent, rating, shareAsPercent } from '../../../src-renderer/lib/percent';

describe('per cent and rating as shown', () => {
  it('shows a 0–1 share as whole per cent, with a space before the sign as Swedish writes it', () => {
    expect(shareAsPercent(0.5)).toBe('50 %');
    expect(shareAsPercent(2 / 3)).toBe('67 %');
    expect(shareAsPercent(0)).toBe('0 %');
    expect(shareAsPercent(1)).toBe('100 %');
  });

  it('shows a 0–100 value as whole per cent, not a hundred times too large', () => {
    expect(percent(66.6)).toBe('67 %');
    expect(percent(100)).toBe('100 %');
  });

  it('shows a rating with one decimal and a decimal comma', () => {
    expect(rating(3)).toBe('3,0');
    expect(rating(4.25)).toBe('4,3');
  });

  it('shows a dash, not 0, where there is nothing to measure', () => {
    for (const show of [shareAsPercent, percent, rating]) {
      expect(show(null)).toBe('–');
      expect(show(undefined)).toBe('–');
    }
  });
});

describe('today as the server compares dates', () => {
  it('is the local calendar date, zero-padded', () => {
    expect(todayIso(new Date(2026, 0, 5, 12))).toBe('2026-01-05');
    expect(todayIso(new Date(2026, 11, 31, 23, 59))).toBe('2026-12-31');
  });

  it('does not slip to the UTC date just after local midnight in Stockholm', () => {
    const zone = process.env.TZ;
    process.env.TZ = 'Europe/Stockholm';
    try {
      const justAfterMidnight = new Date('2026-05-31T22:30:00Z');
      expect(justAfterMidnight.getDate()).toBe(1); // the zone took effect: it is 1 June, 00:30, here
      expect(todayIso(justAfterMidnight)).toBe('2026-06-01');
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });
});

describe('errors the screens show', () => {
  const shape = {
    code: 'validation' as const,
    message: { sv: 'Fel namn', en: 'Bad name' },
    issues: [{ path: 'name', message: { sv: 'Ange ett namn', en: 'Enter a name' } }],
  };

  it('keep the server code, both messages and the field issues', () => {
    const err = new ApiError(shape);
    expect(err.toShape()).toEqual(shape);
    expect(err.message).toBe('Bad name');
    expect(new ApiError({ code: 'internal', message: shape.message }).issues).toEqual([]);
  });

  it('turn anything else thrown into an internal error with the could-not-reach text, never a raw exception text', () => {
    const server = new ApiError(shape);
    expect(asApiError(server)).toBe(server);
    const other = asApiError(new TypeError('Failed to fetch /secret/path'));
    expect(other.code).toBe('internal');
    expect(other.messages.en).toMatch(/^Could not reach Komet/);
    expect(JSON.stringify(other.toShape())).not.toContain('secret');
  });
});
