import { describe, expect, it } from 'vitest';
import { areaOf } from '../../../src-main/core/export/areas';

describe('areaOf', () => {
  it('finds a district however its name is written, Swedish letters included', () => {
    expect(areaOf({ name: 'Södermalm stadsdelsförvaltning' })).toBe('innerstaden');
    expect(areaOf({ name: 'SÖDERMALM, socialtjänsten' })).toBe('innerstaden');
    expect(areaOf({ name: '  ÖSTERMALM' })).toBe('innerstaden');
    expect(areaOf({ name: 'HÄGERSTEN-ÄLVSJÖ familjeenhet' })).toBe('soderort');
    expect(areaOf({ name: 'Enskede-Årsta-Vantör' })).toBe('soderort');
    expect(areaOf({ name: 'SKÄRHOLMEN' })).toBe('soderort');
    expect(areaOf({ name: 'Hässelby-Vällingby' })).toBe('vasterort');
  });

  it('finds each of the thirteen districts by the name the city gives its administration', () => {
    // The administrations' names as Stockholm writes them: the district in the genitive.
    const official: [string, string][] = [
      ['Kungsholmens stadsdelsförvaltning', 'innerstaden'],
      ['Norrmalms stadsdelsförvaltning', 'innerstaden'],
      ['Södermalms stadsdelsförvaltning', 'innerstaden'],
      ['Östermalms stadsdelsförvaltning', 'innerstaden'],
      ['Enskede-Årsta-Vantörs stadsdelsförvaltning', 'soderort'],
      ['Farsta stadsdelsförvaltning', 'soderort'],
      ['Hägersten-Älvsjö stadsdelsförvaltning', 'soderort'],
      ['Skarpnäcks stadsdelsförvaltning', 'soderort'],
      ['Skärholmens stadsdelsförvaltning', 'soderort'],
      ['Bromma stadsdelsförvaltning', 'vasterort'],
      ['Hässelby-Vällingby stadsdelsförvaltning', 'vasterort'],
      ['Rinkeby-Kista stadsdelsförvaltning', 'vasterort'],
      ['Spånga-Tensta stadsdelsförvaltning', 'vasterort'],
    ];
    for (const [name, area] of official) expect(areaOf({ name, kind: 'district' }), name).toBe(area);
    // The s is taken away only to find a district: another name ending in s keeps its kind.
    expect(areaOf({ name: 'Farstas' })).toBe('soderort');
    expect(areaOf({ name: 'Kistas skola', kind: 'school' })).toBe('school');
    expect(areaOf({ name: 'Ss', kind: 'school' })).toBe('school');
  });

  it('falls back to the unit kind, and to other', () => {
    expect(areaOf({ name: 'Kista skola', kind: 'school' })).toBe('school');
    expect(areaOf({ name: 'Täby kommun', kind: 'municipality' })).toBe('municipality');
    expect(areaOf({ name: 'Något', kind: 'unknown' })).toBe('other');
    expect(areaOf({ name: '' })).toBe('other');
  });
});
