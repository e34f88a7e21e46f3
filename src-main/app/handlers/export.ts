import type { Services } from '../../core/services';
import type { ExportEnv } from '../../core/services/export';
import type { ProcedureOutput } from '../../contract';
import type { CallContext, Handlers, NamesIn } from '../router';

/** The FoU export: preview, run, open, keys and the log (services/export.ts). */
export function exportHandlers({ exporter }: Services, deps: { info: () => ProcedureOutput<'app.info'> }): Pick<Handlers, NamesIn<'export'>> {
  // Who exports and from which shell decide the log entry and where files may be written.
  const env = (ctx: CallContext): ExportEnv => {
    const info = deps.info();
    return { actor: ctx.actor, shell: ctx.shell, dataDir: info.dataDir, appVersion: info.version };
  };
  return {
    'export.preview': (input) => exporter.preview(input),
    'export.run': (input, ctx) => exporter.run(input, env(ctx)),
    'export.open': (input, ctx) => exporter.open(input, env(ctx)),
    'export.keygen': (input, ctx) => exporter.keygen(input, env(ctx)),
    'export.keyInfo': () => exporter.keyInfo(),
    'export.rotateKey': () => exporter.rotateKey(),
    'export.log': (input) => exporter.log(input),
  };
}
