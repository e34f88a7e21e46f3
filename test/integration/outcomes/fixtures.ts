import type { TestApp } from '../../helpers/db';
import { addParticipant, groupWith } from '../participants-fixtures';

/**
 * A small own questionnaire whose scores are easy to work out by hand: four items 1–5, t2 reversed
 * (its value is 6 − answer), a mean over all four and a prorated sum, both needing three answers.
 */
export const trivsel = (over: Record<string, unknown> = {}) => ({
  format: 'komet-instrument/1',
  code: 'TRIVSEL',
  version: '1',
  name: { sv: 'Trivsel i gruppen', en: 'Satisfaction with the group' },
  respondent: 'parent',
  licence: { holder: 'Komet', terms: 'Fri att använda. Free to use.', itemTextsIncluded: true },
  items: [
    { code: 't1', min: 1, max: 5, reverse: false, text: { sv: 'Träffarna var till hjälp.', en: 'The sessions helped.' } },
    { code: 't2', min: 1, max: 5, reverse: true },
    { code: 't3', min: 1, max: 5, reverse: false },
    { code: 't4', min: 1, max: 5, reverse: false },
  ],
  scales: [
    {
      code: 'mean',
      items: ['t1', 't2', 't3', 't4'],
      method: 'mean',
      minAnswered: 3,
      bands: [
        { from: 1, to: 2.9, label: { sv: 'Låg', en: 'Low' } },
        { from: 3, to: 5, label: { sv: 'Hög', en: 'High' } },
      ],
    },
    { code: 'sum', items: ['t1', 't2', 't3', 't4'], method: 'sum', minAnswered: 3, prorate: true },
  ],
  ...over,
});

export const importTrivsel = (t: TestApp, over: Record<string, unknown> = {}) =>
  t.ok('instruments.import', { text: JSON.stringify(trivsel(over)), source: 'own' });

/**
 * Bo and Ann in a group of four weekly sessions, Mondays 2025-03-03 to 2025-03-24, of a programme
 * asking TRIVSEL at 12 months (a 30-day window, overdue after a year): due 2026-03-24 to 2026-04-23.
 */
export async function followedGroup(t: TestApp) {
  await importTrivsel(t);
  const { setup, group } = await groupWith(t, 4);
  await t.ok('outcomeSchedules.add', {
    programmeId: setup.programme.id,
    instrumentCode: 'TRIVSEL',
    respondent: 'parent',
    timepoint: 'fu12',
    windowDays: 30,
    missedAfterDays: 365,
  });
  const people = [];
  for (const displayName of ['Bo', 'Ann']) people.push(await addParticipant(t, group.id, { displayName }));
  const sessions = [...group.sessions].sort((a, b) => a.number - b.number);
  return { group, people, sessions };
}
