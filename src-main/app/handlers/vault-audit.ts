import type { Clock } from '../../core/clock';
import { createAuditSink } from '../../core/repos/audit-repo';
import type { ProcedureName } from '../../contract';
import type { VaultSession } from '../vault-session';

/** A line in the audit log for what the session does outside any service. */
export function vaultAudit(session: VaultSession, clock: Clock) {
  return (procedure: ProcedureName, entityId: string, fields: string[] = []): void => {
    const s = session.status();
    if (s.state !== 'unlocked' || session.keyless) return;
    createAuditSink(session.app().db, () => ({ actor: s.userName, procedure }), clock).record({ action: 'update', entity: 'vault', entityId, fields });
  };
}
