import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { ExportKeyInfo, ExportLogEntry, ExportPreview, ExportRunResult, ParsedInput } from '../../contract';
import { AppError, fieldError, notFound } from '../errors';
import type { DisclosureAssessment, DisclosureSettings, EncryptionTarget, ExportSource } from '../export';
import { defaultDisclosureSettings } from '../export/disclosure';
import { exportEngine } from '../export/engine';
import { isRowLevel } from '../export/model';
import { exportKeyId, newExportKey } from '../export/pseudonym';
import { checkWritableFolder, exists } from '../export/atomic';
import { tightenHeapGrowth } from '../export/heap-growth';
import { exportErrors } from '../export/export-errors';
import type { SecondReader } from '../export/scores-thread';
import type { ExportLogRow } from '../repos/export-store';
import type { ServiceContext } from './context';
import { defaultExportName, exportFileService, writablePath, type ExportEnv } from './export-files';
import { recipientLabel } from './recipients';

/**
 * FoU export as use cases: preview, run, keys and the log (saved recipients: recipients.ts). The engine in
 * core/export decides what leaves the machine; this layer gathers the data, holds the secret
 * pseudonym key and records every export.
 */

export type { ExportEnv } from './export-files';

export interface ExportServiceOptions {
  /** scrypt log2(N) for passphrase exports; age's default 18. Lower only in tests and benchmarks. */
  scryptWorkFactor?: number;
  /** Where a second connection reads scores.csv from, in a thread of its own; without it, on this one. */
  secondReader?: SecondReader;
}

type Scope = ParsedInput<'export.preview'>['scope'];

function disclosureOut(d: DisclosureAssessment, settings: DisclosureSettings) {
  return {
    ...d.kAnonymity,
    quasiIdentifiers: d.quasiIdentifiers,
    suppression: {
      min: settings.suppression.min,
      max: settings.suppression.max,
      primarySuppressed: d.aggregates.primarySuppressed,
      secondarySuppressed: d.aggregates.secondarySuppressed,
      publishedAsInRows: d.aggregates.publishedAsInRows,
    },
  };
}

/** What the export log keeps of the disclosure control: settings and counts, never data. */
function disclosureLog(d: DisclosureAssessment): NonNullable<ExportLogEntry['disclosure']> {
  const k = d.kAnonymity;
  return {
    k: k.k,
    enforced: k.enforced,
    reached: k.reached,
    generalisation: k.generalisation,
    hiddenValues: k.hidden.relation + k.hidden.childAge + k.hidden.childGender,
    rowsWithheld: k.rowsWithheld,
  };
}

const parseJson = <T>(text: string, fallback: T): T => {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
};

function logEntry(row: ExportLogRow): ExportLogEntry {
  const recipients = parseJson<string[] | 'passphrase'>(row.recipients, []);
  return {
    id: row.id,
    exportId: row.exportId,
    createdAt: row.createdAt,
    finishedAt: row.finishedAt,
    status: row.status,
    actor: row.actor,
    shell: row.shell,
    scope: parseJson(row.scope, { from: null, to: null, programmeCodes: [], unitNames: [] }),
    coarsening: parseJson(row.coarsening, { period: 'month' as const, ageBands: false, dropUnit: false }),
    fingerprints: recipients === 'passphrase' ? [] : recipients,
    passphrase: recipients === 'passphrase',
    keyId: row.keyId,
    fileName: row.fileName,
    bytes: row.bytes,
    rowCounts: parseJson(row.rowCounts, []),
    disclosure: row.disclosure === null ? null : parseJson<ExportLogEntry['disclosure']>(row.disclosure, null),
    belowKReason: row.belowKReason,
  };
}

export function exportService({ repos, tx, audit, clock }: ServiceContext, options: ExportServiceOptions = {}) {
  const store = repos.exportStore;
  const files = exportFileService();

  const settingsFor = (k: number, enforceK = true): DisclosureSettings => ({ k, suppression: defaultDisclosureSettings.suppression, enforceK });

  function gather(scope: Scope): ExportSource {
    const labels = repos.exportSource.scopeLabels(scope);
    const missing = [
      ...labels.missingProgrammes.map((id) => `scope.programmeIds.${scope.programmeIds.indexOf(id)}`),
      ...labels.missingUnits.map((id) => `scope.unitIds.${scope.unitIds.indexOf(id)}`),
    ];
    if (missing.length) {
      throw new AppError(
        'not_found',
        { sv: 'Ett valt program eller en vald enhet finns inte (längre).', en: 'A chosen programme or unit does not exist (any more).' },
        missing.map((p) => ({ path: p, message: { sv: 'Finns inte.', en: 'Does not exist.' } })),
      );
    }
    const source = repos.exportSource.gather(scope, labels);
    if (source.groups.length === 0) throw exportErrors.emptyScope();
    return source;
  }

  /** Saved recipients by id plus keys given once; duplicates collapse. Exactly one of recipients or passphrase. */
  async function targetOf(input: ParsedInput<'export.run'>): Promise<EncryptionTarget> {
    const { validatePassphrase, validateRecipients } = await exportEngine();
    const saved = input.recipientIds.map((id, i) => {
      const r = store.getRecipient(id);
      if (!r) throw Object.assign(notFound(recipientLabel), { issues: fieldError(`recipientIds.${i}`, 'Finns inte.', 'Does not exist.').issues });
      return r.publicKey;
    });
    const given = input.recipientKeys.length ? validateRecipients(input.recipientKeys) : [];
    const recipients = [...new Set([...saved, ...given])];
    if (input.passphrase !== undefined && recipients.length > 0) {
      throw new AppError('validation', {
        sv: 'Välj antingen mottagare eller lösenfras, inte båda.',
        en: 'Choose either recipients or a passphrase, not both.',
      });
    }
    if (input.passphrase !== undefined) return { passphrase: validatePassphrase(input.passphrase) };
    if (recipients.length === 0) throw exportErrors.noRecipient();
    return { recipients };
  }

  function currentKey() {
    return (
      store.currentKey() ??
      (() => {
        const key = newExportKey();
        return store.insertKey(key, exportKeyId(key));
      })()
    );
  }

  const keyInfo = (): ExportKeyInfo => {
    const key = store.currentKey();
    return { keyId: key?.keyId ?? null, createdAt: key?.createdAt ?? null, retiredKeys: store.retiredCount() };
  };

  /**
   * Writes one .age file. Everything that can be refused is checked before the key is read;
   * the log row is written with the key read (one transaction) and completed or marked failed
   * afterwards, so an attempt is on record even when the disk fails half-way.
   */
  async function runExport(input: ParsedInput<'export.run'>, env: ExportEnv): Promise<ExportRunResult> {
    const { assertReleasable, exportToFile, prepareExport, recipientFingerprint } = await exportEngine();
    const target = await targetOf(input);
    const outFile = writablePath(input.outPath, env, 'outPath', defaultExportName(clock.now()));
    await checkWritableFolder(outFile);
    if (await exists(outFile)) throw exportErrors.outputExists();
    const source = gather(input.scope);
    const settings = settingsFor(input.k);
    // The disclosure plan does not depend on the pseudonym key: it is made, and an export that
    // must be refused is refused, before the key is read or anything is logged.
    const belowKReason = input.belowKReason;
    const planned = prepareExport(source, {
      key: new Uint8Array(32),
      coarsening: input.coarsening,
      disclosure: settings,
      ...(belowKReason === undefined ? {} : { belowKReason }),
      excelCopies: input.excelCopies,
    });
    assertReleasable(planned);
    const disclosure = planned.plan.assessment;
    const fingerprints = 'recipients' in target ? target.recipients.map(recipientFingerprint) : [];
    const exportId = randomUUID();
    const key = tx(() => {
      const row = currentKey();
      store.insertLog({
        exportId,
        actor: env.actor,
        shell: env.shell,
        scope: JSON.stringify(source.scope),
        coarsening: JSON.stringify(input.coarsening),
        recipients: JSON.stringify('recipients' in target ? fingerprints : 'passphrase'),
        keyId: row.keyId,
        fileName: path.basename(outFile),
        disclosure: JSON.stringify(disclosureLog(disclosure)),
        belowKReason: belowKReason ?? null,
      });
      audit.record({
        action: 'export',
        entity: 'export',
        entityId: exportId,
        fields: belowKReason === undefined ? ['scope', 'recipients'] : ['scope', 'recipients', 'belowKReason'],
      });
      return row;
    });
    try {
      const withKey = { ...planned.options, key: key.key, ...(options.secondReader ? { secondReader: options.secondReader } : {}) };
      const result = await exportToFile(
        { ...planned, options: withKey },
        withKey,
        { exportId, created: clock.now(), appVersion: env.appVersion, schemaVersion: repos.exportSource.schemaVersion() },
        target,
        outFile,
        options.scryptWorkFactor === undefined ? {} : { scryptWorkFactor: options.scryptWorkFactor },
      );
      const rowCounts = result.manifest.files.filter((f) => f.rows !== undefined).map((f) => ({ file: f.name, rows: f.rows! }));
      tx(() => store.finishLog(exportId, { status: 'completed', bytes: result.bytes, rowCounts: JSON.stringify(rowCounts) }));
      return {
        file: path.resolve(result.file),
        bytes: result.bytes,
        exportId,
        rowCounts,
        fingerprints: result.recipientFingerprints,
        passphrase: 'passphrase' in target,
        keyId: key.keyId,
        disclosure: disclosureOut(result.disclosure, settings),
        belowKReason: belowKReason ?? null,
      };
    } catch (error) {
      tx(() => store.finishLog(exportId, { status: 'failed', bytes: null, rowCounts: '[]' }));
      if (error instanceof AppError) throw error;
      // A write failure deep in the stream (disk full, folder removed) is still the output's fault.
      if (
        (error as { code?: unknown } | null)?.code &&
        typeof (error as { code: unknown }).code === 'string' &&
        /^E[A-Z]+$/.test((error as { code: string }).code)
      ) {
        throw exportErrors.outputUnwritable();
      }
      throw error;
    }
  }

  async function previewScope(input: ParsedInput<'export.preview'>): Promise<ExportPreview> {
    const source = gather(input.scope);
    const settings = settingsFor(input.k, !input.belowK);
    // Row counts and the check do not depend on the key; a throwaway one keeps preview read-only.
    const key = store.currentKey()?.key ?? newExportKey();
    const { previewExport } = await exportEngine();
    const preview = await previewExport(source, { key, coarsening: input.coarsening, disclosure: settings });
    let rowLevel = 0;
    for (let i = 0; i < source.participants.length; i++) if (isRowLevel(source.participants.consent(i))) rowLevel++;
    return {
      tables: Object.entries(preview.rows).map(([file, rows]) => ({ file, rows })),
      groups: source.groups.length,
      participants: { total: source.participants.length, rowLevel, aggregatesOnly: source.participants.length - rowLevel },
      disclosure: disclosureOut(preview.disclosure, settings),
    };
  }

  return {
    /** Row counts and the disclosure check before anything is written; never creates the key. */
    async preview(input: ParsedInput<'export.preview'>): Promise<ExportPreview> {
      const release = repos.exportSource.streamingCache();
      const relaxHeap = tightenHeapGrowth();
      try {
        return await previewScope(input);
      } finally {
        relaxHeap();
        release();
      }
    },

    /**
     * Writes one .age file, reading with the export's small page cache: the whole database passes
     * through once, and a cache the size of the app's would only hold pages never read again.
     */
    async run(input: ParsedInput<'export.run'>, env: ExportEnv): Promise<ExportRunResult> {
      const release = repos.exportSource.streamingCache();
      const relaxHeap = tightenHeapGrowth();
      try {
        return await runExport(input, env);
      } finally {
        relaxHeap();
        release();
      }
    },

    open: (input: ParsedInput<'export.open'>, env: ExportEnv) => files.open(input, env),
    keygen: (input: ParsedInput<'export.keygen'>, env: ExportEnv) => files.keygen(input, env, clock.now()),

    keyInfo,

    /** A new pseudonym key: later exports no longer link up with earlier ones. The old key is kept, retired. */
    rotateKey(): ExportKeyInfo {
      return tx(() => {
        store.retireKeys();
        const key = newExportKey();
        const row = store.insertKey(key, exportKeyId(key));
        audit.record({ action: 'rotate', entity: 'exportKey', entityId: row.id, fields: ['key'] });
        return keyInfo();
      });
    },

    log: (input: ParsedInput<'export.log'>): ExportLogEntry[] => store.listLog(input.limit).map(logEntry),

    /**
     * An export whose run was cut off from outside (its thread died or was stopped at a lock) is
     * on record as failed; one that finished meanwhile keeps its own status.
     */
    markInterrupted(exportId: string): void {
      tx(() => {
        if (store.getLog(exportId)?.status === 'started') store.finishLog(exportId, { status: 'failed', bytes: null, rowCounts: '[]' });
      });
    },
  };
}
export type ExportService = ReturnType<typeof exportService>;
