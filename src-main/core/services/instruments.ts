import type { InstrumentSummary, ParsedInput } from '../../contract';
import type { InstrumentDefinition } from '../../contract/schemas/instruments';
import type { InstrumentSource } from '../../contract/enums';
import { AppError } from '../errors';
import { notFound } from '../errors';
import { parseInstrumentJson } from '../outcomes/definition';
import { isRedcapDictionary, readRedcapDictionary, type RedcapSkip } from '../outcomes/instrument-redcap';
import { createScorer, type Scorer } from '../outcomes/scoring';
import { shippedInstruments } from '../outcomes/shipped';
import type { Repos } from '../repos';
import type { InstrumentRow } from '../repos/outcomes';
import { seedTimestamp } from '../sync/stable-id';
import type { ServiceContext } from './context';

export const summaryOf = (definition: InstrumentDefinition, source: InstrumentSource): InstrumentSummary => ({
  code: definition.code,
  version: definition.version,
  name: definition.name,
  respondent: definition.respondent,
  source,
  items: definition.items.length,
  scales: definition.scales.map((s) => s.code),
  itemTextsIncluded: definition.licence.itemTextsIncluded,
  licenceHolder: definition.licence.holder,
});

/** Stored definitions were validated on the way in; they are read back through the same validator. */
export function definitionOf(row: InstrumentRow): InstrumentDefinition {
  return parseInstrumentJson(row.definition);
}

/** Definitions and their prepared scorers, read once per call that scores many responses. */
export function instrumentCache(repos: Repos) {
  const cache = new Map<string, { definition: InstrumentDefinition; scorer: Scorer } | null>();
  return (code: string, version: string) => {
    const key = `${code}|${version}`;
    if (!cache.has(key)) {
      const row = repos.outcomes.instrument(code, version);
      const definition = row ? definitionOf(row) : null;
      cache.set(key, definition ? { definition, scorer: createScorer(definition) } : null);
    }
    return cache.get(key)!;
  };
}

const instrumentMissing = () => notFound({ sv: 'Instrumentet', en: 'The instrument' });
export { instrumentMissing };

/**
 * Shipped definitions become rows the first time a database opens with them, timestamped like the
 * other seeds so every installation writes the same row. Returns how many were added.
 */
export function seedShippedInstruments(repos: Repos): number {
  let added = 0;
  for (const definition of shippedInstruments()) {
    if (repos.outcomes.instrument(definition.code, definition.version)) continue;
    repos.outcomes.insertInstrument(
      { code: definition.code, version: definition.version, definition: JSON.stringify(definition), source: 'shipped' },
      seedTimestamp,
    );
    added++;
  }
  return added;
}

const redcapNeedsMeta = () =>
  new AppError('validation', {
    sv: 'Filen är ett REDCap-datalexikon. Ange formulärets kod, version, namn, vem som svarar och licensen för att läsa in det.',
    en: "The file is a REDCap data dictionary. Give the instrument's code, version, name, respondent and licence to read it.",
  });

export function instrumentService({ repos, tx, audit }: ServiceContext) {
  return {
    list: (): InstrumentSummary[] => repos.outcomes.listInstruments().map((row) => summaryOf(definitionOf(row), row.source)),

    /**
     * Stores a definition file as a new version. The same code and version again is accepted only
     * when the definition is the same (nothing is written); a different one must carry a new
     * version, because responses already entered are scored under the old one.
     */
    import: ({ text, source, redcap }: ParsedInput<'instruments.import'>) => {
      let skipped: RedcapSkip[] | undefined;
      let definition: InstrumentDefinition;
      if (isRedcapDictionary(text)) {
        if (!redcap) throw redcapNeedsMeta();
        ({ definition, skipped } = readRedcapDictionary(text, redcap));
      } else definition = parseInstrumentJson(text);
      const withSkipped = <T extends object>(result: T) => (skipped ? { ...result, skipped } : result);
      const canonical = JSON.stringify(definition);
      return tx(() => {
        const existing = repos.outcomes.instrument(definition.code, definition.version);
        if (existing) {
          if (existing.definition !== canonical && JSON.stringify(definitionOf(existing)) !== canonical) {
            throw new AppError(
              'conflict',
              {
                sv: `${definition.code} version ${definition.version} finns redan med en annan definition. Ge den ändrade definitionen ett nytt versionsnummer.`,
                en: `${definition.code} version ${definition.version} already exists with a different definition. Give the changed definition a new version.`,
              },
              [{ path: 'version', message: { sv: 'Versionen finns redan.', en: 'The version already exists.' } }],
            );
          }
          return withSkipped({ instrument: summaryOf(definition, existing.source), created: false });
        }
        repos.outcomes.insertInstrument({ code: definition.code, version: definition.version, definition: canonical, source });
        audit.record({ action: 'create', entity: 'instrument', entityId: `${definition.code}|${definition.version}`, fields: ['definition'] });
        return withSkipped({ instrument: summaryOf(definition, source), created: true });
      });
    },
  };
}
