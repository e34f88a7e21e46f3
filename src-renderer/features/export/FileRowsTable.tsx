import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/DataTable';
import { useExportFormat } from './format';

export interface FileRows {
  file: string;
  /** null when the file is not a table (manifest, codebook). */
  rows: number | null;
  /** Shown as a third column when given. */
  bytes?: number;
}

/** The package's files with their row counts: in the preview, after a run and in Öppna export. */
export function FileRowsTable({ caption, files }: { caption: string; files: FileRows[] }) {
  const { t } = useTranslation();
  const fmt = useExportFormat();
  const withSize = files.some((f) => f.bytes !== undefined);
  return (
    <DataTable
      caption={caption}
      captionClassName="export-caption"
      className="export-table"
      rows={files}
      rowKey={(f) => f.file}
      columns={[
        { key: 'file', header: t('export.preview.file'), rowHeader: true, cellClassName: 'mono', cell: (f) => f.file },
        { key: 'rows', header: t('export.preview.rows'), className: 'num', cell: (f) => (f.rows === null ? '–' : fmt.number(f.rows)) },
        withSize && { key: 'size', header: t('export.run.size'), className: 'num', cell: (f) => (f.bytes === undefined ? '' : fmt.bytes(f.bytes)) },
      ]}
    />
  );
}
