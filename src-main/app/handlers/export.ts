import type { Services } from '../../core/services';
import type { ExportEnv } from '../../core/services/export';
import type { ParsedInput, ProcedureOutput } from '../../contract';
import type { CallContext, Handlers, NamesIn } from '../router';

export type ExportRunner = (input: ParsedInput<'export.run'>, env: ExportEnv) => Promise<ProcedureOutput<'export.run'>>;

/** The FoU export: preview, run, open, keys and the log (services/export.ts). */
export function exportHandlers(
  { exporter }: Services,
  deps: {
    info: () => ProcedureOutput<'app.info'>;
    /** Runs the export elsewhere (the app's shells: a worker thread, export-thread.ts); otherwise here. */
    runExport?: ExportRunner | null;
  },
): Pick<Handlers, NamesIn<'export'>> {
  const runExport = deps.runExport ?? ((input: ParsedInput<'export.run'>, env: ExportEnv) => exporter.run(input, env));
  // Who exports and from which shell decide the log entry and where files may be written.
  const env = (ctx: CallContext): ExportEnv => {
    const info = deps.info();
    return { actor: ctx.actor, shell: ctx.shell, dataDir: info.dataDir, appVersion: info.version };
  };
  return {
    'export.preview': (input) => exporter.preview(input),
    'export.run': (input, ctx) => runExport(input, env(ctx)),
    'export.open': (input, ctx) => exporter.open(input, env(ctx)),
    'export.keygen': (input, ctx) => exporter.keygen(input, env(ctx)),
    'export.keyInfo': () => exporter.keyInfo(),
    'export.rotateKey': () => exporter.rotateKey(),
    'export.log': (input) => exporter.log(input),
  };
}
