import type { ColumnDef, TableDef } from './table-def';

/**
 * Frictionless Data Package (v1) describing every CSV, so `frictionless validate`, R's
 * frictionless package or a plain reader can check types, code lists and keys without us.
 */

export interface FileDigest {
  name: string;
  bytes: number;
  sha256: string;
  rows?: number;
}

function field(column: ColumnDef): Record<string, unknown> {
  const constraints: Record<string, unknown> = {};
  if (column.required) constraints.required = true;
  if (column.enum) constraints.enum = [...column.enum];
  if (column.pattern) constraints.pattern = column.pattern;
  if (column.minimum !== undefined) constraints.minimum = column.minimum;
  if (column.maximum !== undefined) constraints.maximum = column.maximum;
  return {
    name: column.name,
    type: column.type,
    ...(column.type === 'boolean' ? { trueValues: ['1'], falseValues: ['0'] } : {}),
    title: column.description.en,
    description: `${column.description.sv} / ${column.description.en}`,
    ...(Object.keys(constraints).length ? { constraints } : {}),
  };
}

export function dataPackage(
  tables: readonly TableDef[],
  digests: ReadonlyMap<string, FileDigest>,
  meta: { exportId: string; created: string; title: string },
): Record<string, unknown> {
  return {
    profile: 'tabular-data-package',
    name: `komet-export-${meta.exportId.toLowerCase().replace(/[^a-z0-9._-]/g, '-')}`,
    id: meta.exportId,
    title: meta.title,
    created: meta.created,
    resources: tables.map((t) => {
      const digest = digests.get(`${t.name}.csv`);
      return {
        name: t.name,
        path: `${t.name}.csv`,
        profile: 'tabular-data-resource',
        title: `${t.title.sv} / ${t.title.en}`,
        description: `${t.description.sv} / ${t.description.en}`,
        format: 'csv',
        mediatype: 'text/csv',
        encoding: 'utf-8',
        ...(digest ? { bytes: digest.bytes, hash: `sha256:${digest.sha256}` } : {}),
        dialect: { delimiter: ',', lineTerminator: '\r\n', quoteChar: '"', doubleQuote: true, header: true },
        schema: {
          fields: t.columns.map(field),
          missingValues: [...(t.missingValues ?? [''])],
          primaryKey: t.primaryKey,
          ...(t.foreignKeys.length ? { foreignKeys: t.foreignKeys } : {}),
        },
      };
    }),
  };
}
