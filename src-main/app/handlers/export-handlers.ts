import type { Services } from '../../core/services';
import type { ExportEnv } from '../../core/services/export';
import type { ProcedureOutput } from '../../contract';
import type { CallContext, Handlers } from '../router';

type ExportProcedure = Extract<keyof Handlers, `export.${string}` | `recipients.${string}`>;

/** FoU export, keys, saved recipients and the export log, bound to their service calls. */
export function exportHandlers(services: Services, deps: { info: () => ProcedureOutput<'app.info'> }): Pick<Handlers, ExportProcedure> {
  const { exporter } = services;
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
    'recipients.list': () => exporter.listRecipients(),
    'recipients.create': (input) => exporter.createRecipient(input),
    'recipients.delete': (input) => exporter.deleteRecipient(input),
  };
}
