import { AsyncLocalStorage } from 'node:async_hooks';
import type { z } from 'zod';
import en from 'zod/v4/locales/en.js';
import sv from 'zod/v4/locales/sv.js';
import { AppError, type ErrorShape, type FieldIssue, type Result } from '../core/errors';
import { contract, isProcedureName, type ParsedInput, type ProcedureName, type ProcedureOutput } from './contract';
import { ruleMessages, type RuleMessageKey } from './messages';

/** Who is calling, for the audit trail and for procedures that behave per shell. */
export interface CallContext {
  actor: string;
  shell: 'electron' | 'browser' | 'cli' | 'test';
}

export type Handler<P extends ProcedureName> = (
  input: ParsedInput<P>,
  ctx: CallContext,
) => ProcedureOutput<P> | Promise<ProcedureOutput<P>>;
/** Procedures the vault session answers itself (they must work while the database is closed). */
export type GateProcedureName = Extract<ProcedureName, `vault.${string}` | `backups.${string}`>;
export const isGateProcedure = (name: string): boolean => name.startsWith('vault.') || name.startsWith('backups.');
/** Procedures that run on the open database. */
export type AppProcedureName = Exclude<ProcedureName, GateProcedureName>;
export type Handlers = { [P in AppProcedureName]: Handler<P> };
export type GateHandlers = { [P in GateProcedureName]: Handler<P> };
type AnyHandlers = { [P in ProcedureName]?: Handler<P> };

/** The call a handler is running for; the audit trail reads it at each write. */
export interface CurrentCall {
  actor: string;
  procedure: ProcedureName;
}

export interface Router {
  call(name: string, input: unknown, ctx: CallContext): Promise<Result<unknown>>;
  /** The call whose handler is running in this async context; null outside any call. */
  currentCall(): CurrentCall | null;
}

const diskCodes = ['SQLITE_FULL', 'SQLITE_READONLY', 'SQLITE_IOERR', 'SQLITE_CANTOPEN', 'ENOSPC', 'EROFS', 'EDQUOT'];
function isDiskError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && diskCodes.some((c) => code === c || code.startsWith(`${c}_`));
}

const svLocale = sv();
const enLocale = en();

function toBilingual(svText: string, enText: string) {
  if (svText.startsWith('msg:')) {
    const rule = ruleMessages[svText.slice(4) as RuleMessageKey];
    if (rule) return rule;
  }
  return { sv: svText, en: enText };
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
 * Validates every call against the contract, runs the handler and turns every failure into a
 * typed, bilingual error. Unexpected errors are reported without their text, which could carry
 * personal data from the database.
 */
export function createRouter(
  handlers: AnyHandlers,
  options: { onInternalError?: (err: unknown, name: string) => void; /** After each write that committed (sync hands it on). */ afterWrite?: (name: ProcedureName) => void } = {},
): Router {
  const current = new AsyncLocalStorage<CurrentCall>();
  return {
    currentCall: () => current.getStore() ?? null,
    async call(name, input, ctx) {
      if (!isProcedureName(name) || !handlers[name]) {
        return {
          ok: false,
          error: { code: 'unknown_procedure', message: { sv: 'Okänd funktion.', en: 'Unknown procedure.' } },
        };
      }
      const spec = contract[name];
      const parsed = spec.input.safeParse(input);
      if (!parsed.success) return { ok: false, error: invalidInput(describeInvalidInput(spec.input, input)) };
      try {
        const handler = handlers[name] as Handler<ProcedureName>;
        const value = await current.run({ actor: ctx.actor, procedure: name }, () => handler(parsed.data as never, ctx));
        const checked = spec.output.safeParse(value);
        if (!checked.success) throw new Error(`output of ${name} does not match the contract: ${checked.error.message}`);
        if (spec.writes && options.afterWrite) {
          try {
            options.afterWrite(name);
          } catch (err) {
            // The write itself is committed; what follows it must not turn it into a failure.
            options.onInternalError?.(err, `${name} (after write)`);
          }
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
        return {
          ok: false,
          error: {
            code: 'internal',
            message: {
              sv: 'Ett oväntat fel inträffade. Inget sparades. Försök igen.',
              en: 'An unexpected error occurred. Nothing was saved. Please try again.',
            },
          },
        };
      }
    },
  };
}
