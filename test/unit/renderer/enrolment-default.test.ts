import { describe, expect, it } from 'vitest';
import { defaultEnrolmentDate } from '../../../src-renderer/features/participants/enrolmentDefault';

describe('the enrolment date offered for a new participant', () => {
  it('is today once the group has started, so earlier sessions are not counted against her', () => {
    expect(defaultEnrolmentDate('2026-09-02', '2026-12-03')).toBe('2026-12-03');
  });

  it('is the start on the day the group starts', () => {
    expect(defaultEnrolmentDate('2026-12-03', '2026-12-03')).toBe('2026-12-03');
  });

  it('is the group start while the group has not yet begun', () => {
    expect(defaultEnrolmentDate('2027-01-13', '2026-12-03')).toBe('2027-01-13');
  });
});
