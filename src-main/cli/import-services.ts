import type { KometApp } from '../app/komet-app';
import { systemClock } from '../core/clock';
import { createAuditSink } from '../core/repos/audit-repo';
import { createServices } from '../core/services';

/**
 * The import reads its file asynchronously, in a worker, and then works on the services
 * directly (a whole table does not travel through the contract); the audit log names the same
 * person as every other CLI write.
 */
export const cliServices = (app: KometApp, actor: string) =>
  createServices(app.db, { clock: systemClock, audit: createAuditSink(app.db, () => ({ actor, procedure: 'import' }), systemClock) });
