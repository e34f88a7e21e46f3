/** The anchored fidelity rating scale supervisors use; the UI shows these texts beside the choices. */
export const ratingScale = [
  {
    value: 1,
    label: { sv: 'Låg', en: 'Low' },
    description: {
      sv: 'Programmets delar används sällan eller på ett sätt som avviker från manualen.',
      en: 'The programme’s components are rarely used or used in ways that depart from the manual.',
    },
  },
  {
    value: 2,
    label: { sv: 'Delvis', en: 'Partial' },
    description: {
      sv: 'Flera delar används men med tydliga avvikelser eller utelämnanden.',
      en: 'Several components are used, with clear departures or omissions.',
    },
  },
  {
    value: 3,
    label: { sv: 'God', en: 'Good' },
    description: { sv: 'Programmet följs i allt väsentligt; mindre avvikelser.', en: 'The programme is followed in all essentials; minor departures.' },
  },
  {
    value: 4,
    label: { sv: 'Hög', en: 'High' },
    description: {
      sv: 'Programmet följs fullt ut, flexibelt och med god förståelse för dess principer.',
      en: 'The programme is followed fully, flexibly and with a good grasp of its principles.',
    },
  },
] as const;
