import fs from 'node:fs';
import path from 'node:path';
import { defaultDatabasePath } from '../app/data-dir';
import { AppError, type Bilingual } from '../core/errors';

/** A failure the user can act on: one line, Swedish first, and the exit code to leave with. */
export class CliFailure extends Error {
  constructor(
    readonly messages: Bilingual,
    readonly exitCode = 1,
  ) {
    super(messages.en);
    this.name = 'CliFailure';
  }
}

export const line = (m: Bilingual) => `${m.sv} / ${m.en}`;

/** Prints one line for any failure; the stack only with KOMET_DEBUG, since it is noise to users. */
export function reportFailure(err: unknown): number {
  if (process.env.KOMET_DEBUG) console.error(err);
  if (err instanceof CliFailure) {
    console.error(`komet: ${line(err.messages)}`);
    return err.exitCode;
  }
  if (err instanceof AppError) {
    const detail = err.issues?.map((i) => `${i.path ? `${i.path}: ` : ''}${i.message.sv}`).join('; ');
    console.error(`komet: ${line(err.messages)}${detail ? ` (${detail})` : ''}`);
    return 1;
  }
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
    // "--scale -1": the value looks like an option, and node:util's advice names its own syntax only.
    const ambiguous = err instanceof Error ? err.message.match(/^Option '(--[\w-]+)' argument is ambiguous/) : null;
    if (ambiguous) {
      const option = ambiguous[1]!;
      console.error(
        `komet: ${line({
          sv: `${option}: ett värde som börjar med ett minustecken skrivs ${option}=VÄRDE, se --help`,
          en: `${option}: a value starting with a dash is written ${option}=VALUE, see --help`,
        })}`,
      );
      return 2;
    }
    // node:util's own text names the offending option, e.g. "Unknown option '--x'".
    const text = err instanceof Error ? err.message.split('\n')[0]!.replace(/\. To specify.*$/, '') : '';
    console.error(`komet: Felaktiga argument, se --help / Invalid arguments, see --help: ${text}`);
    return 2;
  }
  if (code === 'EADDRINUSE') {
    console.error('komet: Porten är upptagen. / The port is in use.');
    return 1;
  }
  console.error(
    `komet: Ett oväntat fel inträffade (${err instanceof Error ? err.name : typeof err}). / An unexpected error occurred. Kör med KOMET_DEBUG=1 för detaljer. / Run with KOMET_DEBUG=1 for details.`,
  );
  return 1;
}

/** Options every command accepts; commands spread these into their own strict parseArgs call. */
export const baseOptions = {
  help: { type: 'boolean', short: 'h' },
  db: { type: 'string' },
} as const;

/**
 * The database file a command works on: `--db`, else the app's own. A folder or a device there is
 * refused at once, in words: each command otherwise failed on its first read with an unexpected error.
 */
export function databasePathFrom(db: string | undefined): string {
  const databasePath = db ? path.resolve(db) : defaultDatabasePath();
  const found = fs.statSync(databasePath, { throwIfNoEntry: false });
  if (found && !found.isFile()) throw notAFile(databasePath, found.isDirectory(), db === undefined ? 1 : 2);
  return databasePath;
}

function notAFile(databasePath: string, folder: boolean, exitCode: number): CliFailure {
  const example = path.join(databasePath, 'komet.db');
  return folder
    ? new CliFailure(
        {
          sv: `${databasePath} är en mapp, inte en databasfil. Ange filen med --db, till exempel ${example}.`,
          en: `${databasePath} is a folder, not a database file. Name the file with --db, for example ${example}.`,
        },
        exitCode,
      )
    : new CliFailure(
        {
          sv: `${databasePath} är ingen vanlig fil. Ange databasfilen med --db.`,
          en: `${databasePath} is not a regular file. Name the database file with --db.`,
        },
        exitCode,
      );
}

export function parseNumber(name: string, value: string | undefined, fallback: number, check: (n: number) => boolean, rule: Bilingual): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || !check(n)) {
    throw new CliFailure({ sv: `--${name}: ${rule.sv}`, en: `--${name}: ${rule.en}` }, 2);
  }
  return n;
}

export const dbOptionHelp = `  --db SÖKVÄG     databasfil (standard: appens egen databas, ${defaultDatabasePath()})
                  database file (default: the app's own database)`;
export const helpOptionHelp = '  -h, --help      visa denna hjälp / show this help';
