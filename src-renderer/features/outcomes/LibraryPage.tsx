import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { FieldIssue } from '@contract';
import { ApiError } from '../../api/errors';
import { useApiMutation, useApiQuery } from '../../api/queries';
import { Checkbox } from '../../components/Checkbox';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormActions } from '../../components/FormActions';
import { FormField } from '../../components/FormField';
import { PageHeader } from '../../components/PageHeader';
import { Panel } from '../../components/Panel';
import { QueryState } from '../../components/QueryState';
import { useBilingual } from '../../i18n/useBilingual';
import { showToast } from '../../stores/toasts';
import { emptyRedcapMeta, isDictionaryFile, RedcapFields, SkippedFields, type RedcapMeta } from './RedcapFields';
import { SchedulePanel } from './SchedulePanel';
import './outcomes.css';

/** Formulär och scheman: the instrument library, importing a definition, and each programme's schedule. */
export function LibraryPage() {
  const { t } = useTranslation();
  const pick = useBilingual();
  const instruments = useApiQuery('instruments.list', {});
  return (
    <>
      <PageHeader title={t('outcomes.library.title')} back={<Link to="/outcomes">← {t('outcomes.library.back')}</Link>} />
      <Panel id="library-list" title={t('outcomes.library.listTitle')}>
        <QueryState query={instruments}>
          {(list) => (
            <DataTable
              caption={t('outcomes.library.caption')}
              rows={list}
              rowKey={(i) => `${i.code}|${i.version}`}
              columns={[
                { key: 'code', header: t('outcomes.library.code'), rowHeader: true, cell: (i) => i.code },
                { key: 'name', header: t('outcomes.library.name'), cell: (i) => pick(i.name) },
                { key: 'version', header: t('outcomes.library.version'), cell: (i) => i.version },
                { key: 'items', header: t('outcomes.library.items'), className: 'num', cell: (i) => i.items },
                { key: 'source', header: t('outcomes.library.source'), cell: (i) => t(`outcomes.library.sources.${i.source}`) },
                { key: 'licence', header: t('outcomes.library.licence'), cell: (i) => i.licenceHolder },
                {
                  key: 'texts',
                  header: t('outcomes.library.texts'),
                  cell: (i) => t(i.itemTextsIncluded ? 'outcomes.library.textsYes' : 'outcomes.library.textsNo'),
                },
              ]}
            />
          )}
        </QueryState>
      </Panel>
      <ImportPanel />
      <SchedulePanel />
    </>
  );
}

/**
 * Server issues name the path of the fault in the file ("items.2.min"): the path is part of the
 * message. A data dictionary's faults ("rows.5.t1") already name their row and field in words.
 */
const withPath = (issues: readonly FieldIssue[]): FieldIssue[] =>
  issues.map((i) =>
    i.path && i.path !== 'text' && !i.path.startsWith('rows.') ? { ...i, message: { sv: `${i.path}: ${i.message.sv}`, en: `${i.path}: ${i.message.en}` } } : i,
  );

function ImportPanel() {
  const { t } = useTranslation();
  const importing = useApiMutation('instruments.import');
  const [file, setFile] = useState<File | null>(null);
  const [own, setOwn] = useState(false);
  const [missing, setMissing] = useState(false);
  const [formKey, setFormKey] = useState(0);
  const [meta, setMeta] = useState<RedcapMeta>(emptyRedcapMeta);
  const [skipped, setSkipped] = useState<{ variable: string; reason: { sv: string; en: string } }[]>([]);
  const dictionary = isDictionaryFile(file);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) {
      setMissing(true);
      return;
    }
    try {
      const text = await file.text();
      const result = await importing.mutateAsync({ text, source: own ? 'own' : 'imported', ...(dictionary ? { redcap: meta } : {}) });
      const values = { code: result.instrument.code, version: result.instrument.version };
      showToast(t(result.created ? 'outcomes.library.imported' : 'outcomes.library.unchanged', values));
      setSkipped(result.skipped ?? []);
      setFile(null);
      setMeta(emptyRedcapMeta());
      setFormKey((k) => k + 1);
    } catch {
      // The alert below shows the refusal with the path of each fault.
    }
  };

  const issues = importing.error instanceof ApiError ? withPath(importing.error.issues) : [];
  return (
    <Panel id="library-import" title={t('outcomes.library.importTitle')}>
      <form key={formKey} className="form" onSubmit={(e) => void submit(e)} noValidate>
        <p className="field__hint">{t('outcomes.library.importHint')}</p>
        <FormField id="library-file" label={t('outcomes.library.file')} required error={missing ? 'outcomes.library.noFile' : undefined}>
          {(control) => (
            <input
              {...control}
              type="file"
              accept=".json,application/json,.csv,text/csv"
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                setMissing(false);
                setSkipped([]);
              }}
            />
          )}
        </FormField>
        {dictionary && <RedcapFields meta={meta} onChange={setMeta} />}
        <Checkbox id="library-own" label={t('outcomes.library.own')} checked={own} onChange={(e) => setOwn(e.target.checked)} />
        <ErrorAlert error={importing.error} extraIssues={issues} />
        <FormActions saving={importing.isPending} submitLabel={t('outcomes.library.import')} />
      </form>
      <SkippedFields skipped={skipped} />
    </Panel>
  );
}
