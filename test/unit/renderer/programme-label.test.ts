import { describe, expect, it } from 'vitest';
import { seedProgrammes } from '../../../src-main/core/seed/stockholm';
import { programmeLabel } from '../../../src-renderer/lib/programme-label';

describe('a programme as named in dialogs, the export wizard and the certificate', () => {
  it('names the short name once, and only where the name does not already say it', () => {
    const labels = new Map(seedProgrammes.map((p) => [p.code, programmeLabel(p)]));
    expect(labels.get('Tonårskomet')).toBe('Komet 12–18 (Tonårskomet)');
    expect(labels.get('FörstärktKomet')).toBe('Förstärkt Komet');
    expect(labels.get('SiS-Komet')).toBe('SiS-Komet');
    expect(labels.get('fKomet')).toBe('Komet för föräldrar 3–11 (fKomet)');
    for (const p of seedProgrammes) expect(labels.get(p.code)!.split(p.code).length - 1, p.code).toBeLessThanOrEqual(1);
  });
});
