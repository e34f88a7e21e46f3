/**
 * A small own questionnaire for the double-entry screens: four items 1–5, t2 reversed (6 − answer),
 * "sum" prorated to all four items and needing three answers. No item texts.
 */
export const trivselFourItems = {
  format: 'komet-instrument/1',
  code: 'TRIVSEL',
  version: '1',
  name: { sv: 'Trivsel i gruppen', en: 'Satisfaction with the group' },
  respondent: 'parent',
  licence: { holder: 'Komet', terms: 'Fri att använda.', itemTextsIncluded: true },
  items: [
    { code: 't1', min: 1, max: 5, reverse: false },
    { code: 't2', min: 1, max: 5, reverse: true },
    { code: 't3', min: 1, max: 5, reverse: false },
    { code: 't4', min: 1, max: 5, reverse: false },
  ],
  scales: [{ code: 'sum', items: ['t1', 't2', 't3', 't4'], method: 'sum', minAnswered: 3, prorate: true }],
};
