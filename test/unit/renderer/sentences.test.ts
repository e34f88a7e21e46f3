import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { fidelityHeading } from '../../../src-renderer/features/fidelity/heading';
import { participantSummary } from '../../../src-renderer/features/participants/summary';
import { catalogue } from '../../../src-renderer/i18n/catalogues';

const translator = async (lng: 'sv' | 'en') => {
  const i18n = i18next.createInstance();
  await i18n.init({ resources: { [lng]: { translation: catalogue(lng) } }, lng, interpolation: { escapeValue: false } });
  return i18n.t;
};

describe('counts in sentences', () => {
  it('agree in number with each noun, in Swedish and English', async () => {
    const sv = await translator('sv');
    expect(participantSummary(sv, 1, 1)).toBe('1 deltagare i 1 familj');
    expect(participantSummary(sv, 2, 1)).toBe('2 deltagare i 1 familj');
    expect(participantSummary(sv, 3, 2)).toBe('3 deltagare i 2 familjer');
    const en = await translator('en');
    expect(participantSummary(en, 1, 1)).toBe('1 participant in 1 family');
    expect(participantSummary(en, 2, 1)).toBe('2 participants in 1 family');
    expect(participantSummary(en, 3, 2)).toBe('3 participants in 2 families');
  });

  it('name a session once in the fidelity heading, and keep a plan title that says more', async () => {
    const sv = await translator('sv');
    expect(fidelityHeading(sv, 7, 'Träff 7')).toBe('Träff 7');
    expect(fidelityHeading(sv, 1, 'Träff 1 – introduktion')).toBe('Träff 1 – introduktion');
    expect(fidelityHeading(sv, 1, 'Träff 10')).toBe('Träff 1: Träff 10');
    expect(fidelityHeading(sv, 3, 'Problemlösning')).toBe('Träff 3: Problemlösning');
    expect(fidelityHeading(sv, 3, '')).toBe('Träff 3');
    const en = await translator('en');
    expect(fidelityHeading(en, 7, 'Session 7')).toBe('Session 7');
  });
});
