import type { z } from 'zod';
import en from 'zod/v4/locales/en.js';
import sv from 'zod/v4/locales/sv.js';
import { AppError, type ErrorShape, type FieldIssue, type Result } from '../core/errors';
import {
  contract,
  isProcedureName,
  type ChangeEvent,
  type OpenProcedureName,
  type ParsedInput,
  type ProcedureName,
  type ProcedureOutput,
  type WhileLockedName,
} from '../contract';
import { commonErrors } from '../contract/errors';
import { ruleMessageFor } from '../contract/messages';
import { runInCall, type CallContext } from './call-context';

export type { CallContext, CurrentCall } from './call-context';

export type Handler<P extends ProcedureName> = (input: ParsedInput<P>, ctx: CallContext) => ProcedureOutput<P> | Promise<ProcedureOutput<P>>;
/** The procedures that need the open database, answered by one database's services. */
export type Handlers = { [P in OpenProcedureName]: Handler<P> };
/** The lock screen's and the backups' procedures, answered by the vault session. */
export type VaultHandlers = { [P in WhileLockedName]: Handler<P> };
export type AnyHandlers = { [P in ProcedureName]?: Handler<P> };
/** The open-database procedures whose names start with `prefix.`. */
export type NamesIn<Prefix extends string> = Extract<OpenProcedureName, `${Prefix}.${string}`>;

export interface RouterOptions {
  /** The handler table to use for this call: what is open may change between calls. */
  handlers: () => AnyHandlers;
  /** Refuses a call before it runs (the lock); null lets it through. */
  guard?: (name: ProcedureName) => ErrorShape | null;
  /** Told after each successful call of a procedure the contract marks as writing. */
  onCommitted?: (event: ChangeEvent) => void;
  onInternalError?: (err: unknown, name: string) => void;
}

export interface Router {
  call(name: string, input: unknown, ctx: CallContext): Promise<Result<unknown>>;
}

const diskCodes = ['SQLITE_FULL', 'SQLITE_READONLY', 'SQLITE_IOERR', 'SQLITE_CANTOPEN', 'ENOSPC', 'EROFS', 'EDQUOT'];
function isDiskError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && diskCodes.some((c) => code === c || code.startsWith(`${c}_`));
}

const svLocale = sv();
const enLocale = en();

function toBilingual(svText: string, enText: string) {
  return ruleMessageFor(svText) ?? { sv: svText, en: enText };
}

/** Turns zod's issues into per-field bilingual issues using zod's own Swedish and English texts. */
export function describeInvalidInput(schema: z.ZodType, input: unknown): FieldIssue[] {
  // Schema-level `msg:` keys take precedence over these per-parse locale maps.
  const enResult = schema.safeParse(input, { error: enLocale.localeError });
  const svResult = schema.safeParse(input, { error: svLocale.localeError });
  const enIssues = enResult.error?.issues ?? [];
  const svIssues = svResult.error?.issues ?? [];
  return enIssues.map((issue, i) => ({
    path: issue.path.map(String).join('.'),
    message: toBilingual(svIssues[i]?.message ?? issue.message, issue.message),
  }));
}

const invalidInput = (issues: FieldIssue[]): ErrorShape => ({
  code: 'validation',
  message: { sv: 'Kontrollera de markerade fälten.', en: 'Please check the highlighted fields.' },
  issues,
});

function isConstraintError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT');
}

/**
 * The one router: validates every call against the contract, applies the lock guard, runs the
 * handler inside its call context and turns every failure into a typed, bilingual error.
 * Unexpected errors are reported without their text, which could carry personal data.
 */
export function createRouter(options: RouterOptions): Router {
  return {
    async call(name, input, ctx) {
      if (!isProcedureName(name)) return { ok: false, error: commonErrors.unknownProcedure };
      const refused = options.guard?.(name);
      if (refused) return { ok: false, error: refused };
      const handler = options.handlers()[name] as Handler<ProcedureName> | undefined;
      if (!handler) return { ok: false, error: commonErrors.unknownProcedure };
      const spec = contract[name];
      const parsed = spec.input.safeParse(input);
      if (!parsed.success) return { ok: false, error: invalidInput(describeInvalidInput(spec.input, input)) };
      const written = new Set<string>();
      try {
        const value = await runInCall({ actor: ctx.actor, procedure: name, written }, () => handler(parsed.data as never, ctx));
        const checked = spec.output.safeParse(value);
        if (!checked.success) throw new Error(`output of ${name} does not match the contract: ${checked.error.message}`);
        if (spec.writes) {
          // The lock screen's and the backups' writes move the lock state or replace the database,
          // unless the contract names all a procedure changes (a backup made by hand: a file; a new
          // idle time before the lock: a setting).
          const entities = 'announces' in spec ? [...spec.announces] : 'whileLocked' in spec ? 'all' : [...written].sort();
          options.onCommitted?.({ source: 'local', procedure: name, entities });
        }
        return { ok: true, value: checked.data };
      } catch (err) {
        if (err instanceof AppError) return { ok: false, error: err.toShape() };
        if (isConstraintError(err)) {
          return {
            ok: false,
            error: {
              code: 'conflict',
              message: {
                sv: 'Ändringen krockar med befintliga uppgifter och sparades inte.',
                en: 'The change conflicts with existing data and was not saved.',
              },
            },
          };
        }
        if (isDiskError(err)) {
          // SQLite rolled the transaction back: the file is as it was before this call.
          return {
            ok: false,
            error: {
              code: 'io',
              message: {
                sv: 'Ändringen kunde inte sparas: disken är full eller datamappen är skrivskyddad. Inget har skadats; frigör utrymme och försök igen.',
                en: 'The change could not be saved: the disk is full or the data folder is read-only. Nothing was damaged; free some space and try again.',
              },
            },
          };
        }
        options.onInternalError?.(err, name);
        return { ok: false, error: commonErrors.internal };
      }
    },
  };
}

/** Only the procedure name and error class: messages may quote personal data. */
export function logInternalError(err: unknown, name: string): void {
  console.error(`komet: unexpected error in ${name}: ${err instanceof Error ? err.name : typeof err}`);
  if (process.env.KOMET_DEBUG) console.error(err);
}
