import type { KometApp } from '../app/komet-app';
import { systemClock } from '../core/clock';
import { createAuditSink } from '../core/repos/audit-repo';
import { createServices } from '../core/services';

/**
 * The import reads its file asynchronously, in a worker, and then works on the services
 * directly (a whole table does not travel through the contract); the audit log names the CLI.
 */
export const cliServices = (app: KometApp) =>
  createServices(app.db, { clock: systemClock, audit: createAuditSink(app.db, () => ({ actor: 'cli', procedure: 'import' }), systemClock) });
