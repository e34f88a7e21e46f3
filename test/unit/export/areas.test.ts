import { describe, expect, it } from 'vitest';
import { areaOf } from '../../../src-main/core/export/areas';

describe('areaOf', () => {
  it('finds a district however its name is written, Swedish letters included', () => {
    expect(areaOf({ name: 'Södermalms stadsdelsförvaltning' })).toBe('other');
    expect(areaOf({ name: 'Södermalm stadsdelsförvaltning' })).toBe('innerstaden');
    expect(areaOf({ name: 'SÖDERMALM, socialtjänsten' })).toBe('innerstaden');
    expect(areaOf({ name: '  ÖSTERMALM' })).toBe('innerstaden');
    expect(areaOf({ name: 'HÄGERSTEN-ÄLVSJÖ familjeenhet' })).toBe('soderort');
    expect(areaOf({ name: 'Enskede-Årsta-Vantör' })).toBe('soderort');
    expect(areaOf({ name: 'SKÄRHOLMEN' })).toBe('soderort');
    expect(areaOf({ name: 'Hässelby-Vällingby' })).toBe('vasterort');
  });

  it('falls back to the unit kind, and to other', () => {
    expect(areaOf({ name: 'Kista skola', kind: 'school' })).toBe('school');
    expect(areaOf({ name: 'Täby kommun', kind: 'municipality' })).toBe('municipality');
    expect(areaOf({ name: 'Något', kind: 'unknown' })).toBe('other');
    expect(areaOf({ name: '' })).toBe('other');
  });
});
