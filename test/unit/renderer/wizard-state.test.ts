import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  charCount,
  coarseningFor,
  emptyEncryption,
  emptyScope,
  focusFirstInvalid,
  MIN_PASSPHRASE,
  scopeInput,
  type ScopeDraft,
} from '../../../src-renderer/features/export/wizard-state';

describe('the export scope as the contract takes it', () => {
  it('turns empty dates into open ends and keeps the lists (empty means all)', () =>
    expect(scopeInput(emptyScope)).toEqual({ from: null, to: null, programmeIds: [], unitIds: [] }));
  it('passes chosen dates and ids through, and leaves the precision out', () => {
    const scope: ScopeDraft = { from: '2024-01-01', to: '2024-12-31', programmeIds: ['p1', 'p2'], unitIds: ['u1'], period: 'week' };
    expect(scopeInput(scope)).toEqual({ from: '2024-01-01', to: '2024-12-31', programmeIds: ['p1', 'p2'], unitIds: ['u1'] });
  });
  it('starts with no dates, no choices and monthly precision, encrypted for saved recipients', () => {
    expect(emptyScope).toEqual({ from: '', to: '', programmeIds: [], unitIds: [], period: 'month' });
    expect(emptyEncryption).toEqual({ mode: 'recipients', recipientIds: [] });
  });
});

describe('the coarsening a scope starts from', () => {
  it("is the user's own precision, with ages and units kept", () => {
    expect(coarseningFor(emptyScope)).toEqual({ period: 'month', ageBands: false, dropUnit: false });
    expect(coarseningFor({ ...emptyScope, period: 'week' })).toEqual({ period: 'week', ageBands: false, dropUnit: false });
  });
});

describe('passphrase length', () => {
  it('counts characters as code points, as the server does', () => {
    expect(charCount('abc')).toBe(3);
    expect(charCount('åäö')).toBe(3);
    // One emoji is two UTF-16 units but one character.
    expect('🔑'.length).toBe(2);
    expect(charCount('🔑🔑')).toBe(2);
  });
  it('asks for at least twelve', () => expect(MIN_PASSPHRASE).toBe(12));
});

describe('focus on the first invalid control', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('waits for the next frame, then focuses the first control marked invalid', () => {
    const frames: (() => void)[] = [];
    vi.stubGlobal('window', { requestAnimationFrame: (cb: () => void) => frames.push(cb) });
    const focus = vi.fn();
    const querySelector = vi.fn(() => ({ focus }));
    focusFirstInvalid({ querySelector } as unknown as HTMLFormElement);
    expect(focus).not.toHaveBeenCalled();
    frames.forEach((f) => f());
    expect(querySelector).toHaveBeenCalledWith('[aria-invalid="true"]');
    expect(focus).toHaveBeenCalledTimes(1);
  });
  it('does nothing when there is no form or nothing is invalid', () => {
    vi.stubGlobal('window', { requestAnimationFrame: (cb: () => void) => cb() });
    expect(() => focusFirstInvalid(null)).not.toThrow();
    expect(() => focusFirstInvalid({ querySelector: () => null } as unknown as HTMLFormElement)).not.toThrow();
  });
});
