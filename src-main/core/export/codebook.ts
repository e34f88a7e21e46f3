import { neutralisingNote } from './csv';
import type { Coarsening } from './model';
import type { ColumnDef, TableDef } from './table-def';

/** A human-readable codebook, Swedish first, generated from the same table definitions as the CSVs. */

const escape = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function typeLabel(c: ColumnDef): string {
  const base = { string: 'text', integer: 'heltal / integer', boolean: '1/0', yearmonth: 'ÅÅÅÅ-MM / YYYY-MM' }[c.type];
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

export function codebook(tables: readonly TableDef[], meta: { exportId: string; created: string; coarsening: Coarsening; k: number }): string {
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
    `Inställningar / settings: period = \`${meta.coarsening.period}\`, åldersgrupper / age bands = ${meta.coarsening.ageBands ? 'ja / yes' : 'nej / no'}, enhet borttagen / unit dropped = ${meta.coarsening.dropUnit ? 'ja / yes' : 'nej / no'}, k = ${meta.k}.`,
    '',
  ];
  for (const t of tables) {
    lines.push(`## ${t.name}.csv – ${t.title.sv} / ${t.title.en}`, '', `${t.description.sv}`, '', `${t.description.en}`, '');
    lines.push(`Primärnyckel / primary key: ${t.primaryKey.map((k) => `\`${k}\``).join(', ')}`);
    for (const fk of t.foreignKeys) {
      lines.push(`Främmande nyckel / foreign key: ${fk.fields.map((f) => `\`${f}\``).join(', ')} → \`${fk.reference.resource}.csv\` (${fk.reference.fields.join(', ')})`);
    }
    lines.push('', '| Kolumn / column | Typ / type | Beskrivning | Description | Värden / values |', '|---|---|---|---|---|');
    for (const c of t.columns) {
      lines.push(`| \`${c.name}\` | ${escape(typeLabel(c))} | ${escape(c.description.sv)} | ${escape(c.description.en)} | ${escape(valuesLabel(c))} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
