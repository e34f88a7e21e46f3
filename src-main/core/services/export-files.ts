import fs from 'node:fs';
import path from 'node:path';
import type { ExportOpenResult, ParsedInput } from '../../contract';
import { AppError, fieldError } from '../errors';
import type { Manifest, OpenCredentials } from '../export';
import { exportEngine } from '../export/engine';
import { exportErrors } from '../export/export-errors';
import { stagingRegistryName } from '../export/staging';

/**
 * The file side of the export: where files may be written, Öppna export and Skapa nyckel.
 * Nothing here touches the database.
 */

export interface ExportEnv {
  actor: string;
  shell: 'electron' | 'browser' | 'cli' | 'test';
  /** The app's data folder; exports go to <dataDir>/exports unless a path is chosen. */
  dataDir: string;
  appVersion: string;
}

export const exportsFolder = (env: ExportEnv) => path.join(env.dataDir, 'exports');
/** Where Öppna export records its staging folders, so a killed opening's files are removed later. */
export const stagingRegistryOf = (dataDir: string) => path.join(dataDir, stagingRegistryName);

const stamp = (iso: string) => {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
};
export const defaultExportName = (nowIso: string) => `komet-export-${stamp(nowIso)}.age`;
export const defaultKeyName = (nowIso: string) => `komet-nyckel-${stamp(nowIso)}.txt`;

const outsideExports = (field: string) =>
  fieldError(
    field,
    'I webbläsarläget kan Komet bara skriva i mappen exports i sin datamapp. Ange ett filnamn utan mapp.',
    'In browser mode Komet can only write to the exports folder in its data folder. Enter a file name without a folder.',
  );

// One message for every refused read, whether or not the path exists, so a page learns nothing
// about the disk outside the exports folder.
const unreadableOutsideExports = (field: string) =>
  fieldError(
    field,
    'I webbläsarläget kan Komet bara läsa filer i mappen exports i sin datamapp. Lägg filen där och ange dess namn.',
    'In browser mode Komet can only read files in the exports folder in its data folder. Put the file there and enter its name.',
  );

/**
 * The path a browser-shell request names, if it lies directly in the exports folder: a bare name,
 * or a full path whose folder is the exports folder. Subfolders and `..` are refused, before the
 * disk is touched.
 */
function directlyInside(base: string, requested: string): string | null {
  const target = path.resolve(base, requested);
  const relative = path.relative(base, target);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative) || relative.includes(path.sep)) return null;
  return target;
}

/**
 * Where a file or folder the user asked for may be written. The browser shell is a page talking
 * to a local server, so it may only name something inside <dataDir>/exports (symlinks resolved);
 * Electron's save dialog and the CLI may write anywhere the user can. Omitted: a dated default
 * name in <dataDir>/exports.
 */
export function writablePath(requested: string | undefined, env: ExportEnv, field: string, defaultName: string): string {
  const base = exportsFolder(env);
  if (requested === undefined || env.shell === 'browser') {
    try {
      fs.mkdirSync(base, { recursive: true, mode: 0o700 });
    } catch {
      throw exportErrors.outputUnwritable();
    }
  }
  if (requested === undefined) return path.join(base, defaultName);
  if (env.shell !== 'browser') return path.resolve(requested);
  const target = directlyInside(base, requested);
  if (target === null) throw outsideExports(field);
  let realBase: string;
  try {
    realBase = fs.realpathSync(base);
  } catch {
    throw exportErrors.outputUnwritable();
  }
  if (fs.realpathSync(path.dirname(target)) !== realBase) throw outsideExports(field);
  return target;
}

/**
 * A file the user asked to read. The CLI and Electron's open dialog read wherever the user can.
 * The browser shell reads only files directly in the exports folder, the same place a bare name
 * is written to (so the name just exported opens as typed); a symlink there counts as the file it
 * points to. What is returned is the resolved path, the one that was checked.
 */
export function readablePath(requested: string, env: ExportEnv, field: string): string {
  if (env.shell !== 'browser') return path.resolve(requested);
  const base = exportsFolder(env);
  const target = directlyInside(base, requested);
  if (target === null) throw unreadableOutsideExports(field);
  try {
    fs.lstatSync(target);
  } catch {
    // Not there: inside the exports folder that is no secret, and opening it says so.
    return target;
  }
  let real: string;
  let realBase: string;
  try {
    real = fs.realpathSync(target);
    realBase = fs.realpathSync(base);
  } catch {
    // A dangling link: it points outside as often as not, so it is refused like outside paths.
    throw unreadableOutsideExports(field);
  }
  if (path.dirname(real) !== realBase) throw unreadableOutsideExports(field);
  return real;
}

const oneCredential = () =>
  new AppError('validation', {
    sv: 'Ange precis ett sätt att öppna filen: en nyckelfil, en inklistrad nyckel eller en lösenfras.',
    en: 'Give exactly one way to open the file: a key file, a pasted key or a passphrase.',
  });

function credentialsOf(input: ParsedInput<'export.open'>, env: ExportEnv): OpenCredentials {
  const given = [input.identityFile, input.identity, input.passphrase].filter((v) => v !== undefined);
  if (given.length !== 1) throw oneCredential();
  if (input.identityFile !== undefined) return { identityFile: readablePath(input.identityFile, env, 'identityFile') };
  if (input.identity !== undefined) {
    const keys = input.identity
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('#'));
    if (keys.length === 0 || keys.some((k) => !/^AGE-SECRET-KEY-1[02-9AC-HJ-NP-Z]{58}$/.test(k))) throw exportErrors.identityMalformed();
    return { identities: keys };
  }
  return { passphrase: input.passphrase! };
}

const MAX_CODEBOOK_CHARS = 2_000_000;

/** The disclosure summary of a package in the current format or an earlier one. */
function disclosureOf(m: Manifest): ExportOpenResult['disclosure'] {
  const { suppression } = m.disclosure;
  const common = { primarySuppressed: suppression.primarySuppressed, secondarySuppressed: suppression.secondarySuppressed };
  if (m.formatVersion === 1) {
    const k = m.disclosure.kAnonymity;
    return {
      ...common,
      k: k.k,
      reachesK: k.current.reachesK,
      smallestClass: k.current.smallestClass,
      quasiIdentifiers: null,
      generalisation: null,
      hiddenValues: null,
      rowsWithheld: null,
      belowKReason: null,
    };
  }
  const k = m.disclosure.kAnonymity;
  return {
    ...common,
    k: k.k,
    reachesK: k.after.reachesK,
    smallestClass: k.reached,
    quasiIdentifiers: m.disclosure.quasiIdentifiers,
    generalisation: k.generalisation,
    hiddenValues: k.hidden.relation + k.hidden.childAge + k.hidden.childGender,
    rowsWithheld: k.rowsWithheld,
    belowKReason: m.disclosure.belowKReason,
  };
}

export function exportFileService() {
  return {
    /** Öppna export: decrypt, verify against the manifest and extract; nothing is left on failure. */
    async open(input: ParsedInput<'export.open'>, env: ExportEnv): Promise<ExportOpenResult> {
      const credentials = credentialsOf(input, env);
      const file = readablePath(input.file, env, 'file');
      const outDir = writablePath(input.outDir, env, 'outDir', `${path.basename(file).replace(/\.age$/i, '') || 'komet-export'}-oppnad`);
      const { openExport } = await exportEngine();
      const opened = await openExport(file, credentials, { outDir, stagingRegistry: stagingRegistryOf(env.dataDir) });
      const m = opened.manifest;
      const codebook = fs.readFileSync(path.join(opened.outDir, 'codebook.md'), 'utf8');
      return {
        outDir: opened.outDir,
        exportId: m.exportId,
        created: m.created,
        appVersion: m.appVersion,
        scope: m.scope,
        keyId: m.pseudonymisation.keyId,
        coarsening: m.pseudonymisation.coarsening,
        files: m.files.map((f) => ({ name: f.name, bytes: f.bytes, rows: f.rows ?? null })),
        disclosure: disclosureOf(m),
        codebook: codebook.length > MAX_CODEBOOK_CHARS ? codebook.slice(0, MAX_CODEBOOK_CHARS) : codebook,
      };
    },

    /** Skapa nyckel: an age-keygen compatible identity file; the public key is what the evaluator sends. */
    async keygen(input: ParsedInput<'export.keygen'>, env: ExportEnv, nowIso: string): Promise<{ file: string; publicKey: string }> {
      const file = writablePath(input.outPath, env, 'outPath', defaultKeyName(nowIso));
      const { generateKeyFile } = await exportEngine();
      return generateKeyFile(file, new Date(nowIso));
    },
  };
}
