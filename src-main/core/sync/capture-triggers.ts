import { cellsOf, keySeparator, syncedTables, type SyncedTable } from './tables';

/**
 * The SQL of the triggers that capture local writes to synced tables into sync_outbox. They live
 * in a migration (so no service can forget them); this function is where that migration's text
 * comes from, and a test holds the database's triggers to it.
 */
const active = '(SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1)';
const q = (name: string) => `"${name}"`;

function keyExpr(t: SyncedTable, row: 'NEW' | 'OLD'): string {
  return t.key.map((k) => `${row}.${q(k)}`).join(` || '${keySeparator}' || `);
}

export function triggerNames(t: SyncedTable): string[] {
  const names = [`sync_${t.name}_insert`, `sync_${t.name}_delete`, `sync_${t.name}_rekey`];
  if (valueColumns(t).length) names.push(`sync_${t.name}_update`);
  return names;
}

const valueColumns = (t: SyncedTable) => [...new Set(cellsOf(t).flatMap((c) => c.columns))].filter((c) => !t.key.includes(c));

export function captureTriggerSql(t: SyncedTable): string[] {
  const tbl = `'${t.name}'`;
  const statements = [
    `CREATE TRIGGER ${q(`sync_${t.name}_insert`)} AFTER INSERT ON ${q(t.name)} WHEN ${active} BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES (${tbl}, ${keyExpr(t, 'NEW')}, 'u', NULL);
END`,
    `CREATE TRIGGER ${q(`sync_${t.name}_delete`)} AFTER DELETE ON ${q(t.name)} WHEN ${active} BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES (${tbl}, ${keyExpr(t, 'OLD')}, 'd', NULL);
END`,
    `CREATE TRIGGER ${q(`sync_${t.name}_rekey`)} AFTER UPDATE OF ${t.key.map(q).join(', ')} ON ${q(t.name)}
WHEN ${active} AND (${t.key.map((k) => `OLD.${q(k)} IS NOT NEW.${q(k)}`).join(' OR ')}) BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES (${tbl}, ${keyExpr(t, 'OLD')}, 'd', NULL);
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES (${tbl}, ${keyExpr(t, 'NEW')}, 'u', NULL);
END`,
  ];
  const columns = valueColumns(t);
  if (columns.length) {
    const changed = columns.map((c) => `OLD.${q(c)} IS NOT NEW.${q(c)}`);
    statements.push(`CREATE TRIGGER ${q(`sync_${t.name}_update`)} AFTER UPDATE OF ${columns.map(q).join(', ')} ON ${q(t.name)}
WHEN ${active} AND (${changed.join(' OR ')}) BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES (${tbl}, ${keyExpr(t, 'NEW')}, 'u',
    json_array(${columns.map((c) => `CASE WHEN OLD.${q(c)} IS NOT NEW.${q(c)} THEN '${c}' END`).join(', ')}));
END`);
  }
  return statements;
}

export const allCaptureTriggerSql = (): string[] => syncedTables.flatMap(captureTriggerSql);
