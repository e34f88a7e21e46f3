import { useTranslation } from 'react-i18next';
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
    <div className="table-wrap">
      <table className="table export-table">
        <caption className="export-caption">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('export.preview.file')}</th>
            <th scope="col" className="num">
              {t('export.preview.rows')}
            </th>
            {withSize && (
              <th scope="col" className="num">
                {t('export.run.size')}
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {files.map((f) => (
            <tr key={f.file}>
              <th scope="row" className="mono">
                {f.file}
              </th>
              <td className="num">{f.rows === null ? '–' : fmt.number(f.rows)}</td>
              {withSize && <td className="num">{f.bytes === undefined ? '' : fmt.bytes(f.bytes)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
