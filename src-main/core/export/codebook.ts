import { seedDropoutReasons } from '../seed/participation';
import { neutralisingNote } from './csv';
import type { DisclosureAssessment } from './disclosure';
import type { Generalisation } from './model';
import type { ColumnDef, TableDef } from './table-def';

/** A human-readable codebook, Swedish first, generated from the same table definitions as the CSVs. */

const escape = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function typeLabel(c: ColumnDef): string {
  const base = { string: 'text', integer: 'heltal / integer', number: 'tal / number', boolean: '1/0', yearmonth: 'ÅÅÅÅ-MM / YYYY-MM', year: 'ÅÅÅÅ / YYYY' }[
    c.type
  ];
  const range = c.minimum !== undefined || c.maximum !== undefined ? ` (${c.minimum ?? ''}–${c.maximum ?? ''})` : '';
  return `${base}${range}${c.required ? '' : ', kan saknas / may be blank'}`;
}

function valuesLabel(c: ColumnDef): string {
  if (c.enum) {
    return c.enum
      .map((v) => {
        const label = c.enumLabels?.[v];
        return label ? `\`${v}\` = ${label.sv} / ${label.en}` : `\`${v}\``;
      })
      .join('; ');
  }
  return c.pattern ? `mönster / pattern \`${c.pattern}\`` : '';
}

const PERIOD_WORDS: Record<Generalisation['period'], [string, string]> = {
  week: ['ISO-vecka', 'ISO week'],
  month: ['månad', 'month'],
  quarter: ['kvartal', 'quarter'],
  half: ['halvår', 'half-year'],
  year: ['år', 'year'],
};
const AGE_WORDS: Record<Generalisation['childAge'], [string, string]> = {
  exact: ['ålder i år', 'age in years'],
  band: ['åldersgrupp', 'age band'],
  dropped: ['utelämnad', 'left out'],
};
const UNIT_WORDS: Record<Generalisation['unit'], [string, string]> = {
  unit: ['enhet', 'unit'],
  area: ['område (stadsdel i Stockholm, annars typ av enhet)', 'area (part of Stockholm, else kind of unit)'],
  dropped: ['utelämnad', 'left out'],
};

/** What the disclosure control did, in both languages: the reader must know what "*" and a coarse period mean. */
function disclosureSection(d: DisclosureAssessment, belowKReason: string | null): string[] {
  const k = d.kAnonymity;
  const g = k.generalisation;
  const qi = d.quasiIdentifiers.map((c) => `\`${c}\``).join(', ');
  const lines = [
    '## Röjandeskydd / disclosure control',
    '',
    `**Svenska.** Kännetecken som en utomstående kan känna till (kvasi-identifierare) i \`participants.csv\`: ${qi}.`,
    k.enforced
      ? `Varje rad delar alla dessa med minst k − 1 andra rader (k = ${k.k}; minsta grupp: ${k.reached ?? '–'}). För att nå dit skrivs startperioden som ${PERIOD_WORDS[g.period][0]}, barnets ålder som ${AGE_WORDS[g.childAge][0]} och enheten som ${UNIT_WORDS[g.unit][0]} i alla filer. Därefter har ${k.hidden.childAge} åldrar, ${k.hidden.childGender} kön och ${k.hidden.relation} relationer i ${k.rowsWithHiddenValues} rader ersatts med \`*\` (dolt, inte saknat). Ett dolt barnvärde är dolt i hela familjens rader, en dold relation i alla personens rader. ${k.rowsWithheld} deltagarrader i grupper (enhet, program, period) med färre än k rader är utelämnade; de räknas i \`aggregates.csv\` som deltagare utan samtycke.`
      : `Exporten är gjord UNDER k = ${k.k} på användarens begäran (minsta grupp: ${k.reached ?? '–'}); inget har generaliserats eller dolts utöver de valda inställningarna. Motivering: ${escape(belowKReason ?? '')}`,
    'I `participants.csv` betyder `*` ett dolt värde; tomt fält betyder att uppgiften saknas. I `aggregates.csv` betyder `*` summa.',
    '',
    `**English.** Characteristics an outsider could know (quasi-identifiers) in \`participants.csv\`: ${qi}.`,
    k.enforced
      ? `Every row shares all of them with at least k − 1 other rows (k = ${k.k}; smallest class: ${k.reached ?? '–'}). To get there the start period is written as ${PERIOD_WORDS[g.period][1]}, the child's age as ${AGE_WORDS[g.childAge][1]} and the unit as ${UNIT_WORDS[g.unit][1]} in every file. Then ${k.hidden.childAge} ages, ${k.hidden.childGender} genders and ${k.hidden.relation} relations in ${k.rowsWithHiddenValues} rows were replaced by \`*\` (hidden, not missing). A hidden child value is hidden in all of the family's rows, a hidden relation in all of the person's rows. ${k.rowsWithheld} participant rows in groups (unit, programme, period) with fewer than k rows are left out; \`aggregates.csv\` counts them like participants without consent.`
      : `This export was made BELOW k = ${k.k} at the user's request (smallest class: ${k.reached ?? '–'}); nothing was generalised or hidden beyond the chosen settings. Reason: ${escape(belowKReason ?? '')}`,
    'In `participants.csv`, `*` is a hidden value; an empty field means the value was not recorded. In `aggregates.csv`, `*` means total.',
    '',
  ];
  return lines;
}

/** What `dropout_reason` codes stand for, and the difference between a blank and an `unknown` gender. */
function codesSection(codes: readonly string[]): string[] {
  // Komet's own reasons carry their standard labels. A reason added by a unit is typed text that
  // could name a place or a family, so only its code leaves the database.
  const standard = new Map(seedDropoutReasons.map((r) => [r.code, r]));
  const row = (code: string) => {
    const known = standard.get(code);
    return known
      ? `| \`${escape(code)}\` | ${known.sv} | ${known.en} |`
      : `| \`${escape(code)}\` | egen orsak (benämningen exporteras inte) | a unit's own reason (its label is not exported) |`;
  };
  return [
    '## Koder / codes',
    '',
    '**`dropout_reason` (avhoppsorsak / dropout reason).** Koden står i `participants.csv`. / The code is in `participants.csv`.',
    '',
    '| Kod / code | Benämning | Label |',
    '|---|---|---|',
    ...codes.map(row),
    '',
    '**`child_gender`.** Tomt fält: uppgiften registrerades inte. `unknown`: frågan ställdes men könet är okänt eller ville inte anges. `*`: dolt av röjandeskyddet. / A blank field: the value was not recorded. `unknown`: the question was asked but the gender is unknown or was not given. `*`: hidden by disclosure control.',
    '',
  ];
}

export function codebook(
  tables: readonly TableDef[],
  meta: { exportId: string; created: string; disclosure: DisclosureAssessment; belowKReason: string | null; dropoutReasonCodes: readonly string[] },
): string {
  const lines: string[] = [
    '# Komet – kodbok / codebook',
    '',
    `Export: \`${meta.exportId}\` · ${meta.created}`,
    '',
    '**Svenska.** Materialet är *pseudonymiserat*, inte anonymt: det är fortfarande personuppgifter och ska hanteras därefter.',
    'Identiteter är ersatta med nyckelbaserade pseudonymer (HMAC-SHA256) som är stabila mellan exporter med samma exportnyckel.',
    'Namn, kontaktuppgifter, fritext, födelseår, exakta datum och personalens namn exporteras aldrig.',
    'Endast deltagare som samtyckt till utvärdering finns som rader; alla deltagare räknas i `aggregates.csv`.',
    'Filerna är UTF-8, kommaseparerade (RFC 4180) med rubrikrad. Tomt fält = uppgift saknas. Ja/nej kodas 1/0.',
    neutralisingNote.sv,
    '',
    '**English.** The data is *pseudonymised*, not anonymous: it is still personal data and must be handled as such.',
    'Identities are replaced by keyed pseudonyms (HMAC-SHA256), stable across exports made with the same export key.',
    'Names, contact details, free text, birth years, exact dates and staff names are never exported.',
    'Only participants who consented to evaluation appear as rows; all participants count in `aggregates.csv`.',
    'Files are UTF-8, comma-separated (RFC 4180) with a header row. Empty field = missing. Yes/no is coded 1/0.',
    neutralisingNote.en,
    '',
    ...disclosureSection(meta.disclosure, meta.belowKReason),
    ...codesSection(meta.dropoutReasonCodes),
  ];
  for (const t of tables) {
    lines.push(`## ${t.name}.csv – ${t.title.sv} / ${t.title.en}`, '', `${t.description.sv}`, '', `${t.description.en}`, '');
    lines.push(`Primärnyckel / primary key: ${t.primaryKey.map((k) => `\`${k}\``).join(', ')}`);
    for (const fk of t.foreignKeys) {
      lines.push(
        `Främmande nyckel / foreign key: ${fk.fields.map((f) => `\`${f}\``).join(', ')} → \`${fk.reference.resource}.csv\` (${fk.reference.fields.join(', ')})`,
      );
    }
    lines.push('', '| Kolumn / column | Typ / type | Beskrivning | Description | Värden / values |', '|---|---|---|---|---|');
    for (const c of t.columns) {
      lines.push(`| \`${c.name}\` | ${escape(typeLabel(c))} | ${escape(c.description.sv)} | ${escape(c.description.en)} | ${escape(valuesLabel(c))} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
