import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { prefetchApiQuery, useApiMutation, useApiQuery } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Fieldset, FormField } from '../../components/FormField';
import { PageHeader } from '../../components/PageHeader';
import './export.css';
import { KeygenPanel } from './KeygenPanel';
import { OpenResult } from './OpenResult';
import { PathField } from './PathField';
import { focusFirstInvalid } from './wizard-state';

type Errors = Partial<Record<'file' | 'identityFile' | 'passphrase', string>>;

/** Which shell and data folder, for the path hints. */
export const prefetchOpenExport = () => void prefetchApiQuery('app.info', {});

/** Öppna export, the evaluator's side: create a key, then decrypt, verify and extract a package. */
export function OpenExportPage() {
  const { t } = useTranslation();
  const info = useApiQuery('app.info', {});
  const open = useApiMutation('export.open');
  const [file, setFile] = useState('');
  const [mode, setMode] = useState<'identity' | 'passphrase'>('identity');
  const [identityFile, setIdentityFile] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [outDir, setOutDir] = useState('');
  const [errors, setErrors] = useState<Errors>({});

  const browser = info.data?.shell === 'browser';
  const folder = info.data ? `${info.data.dataDir}/exports` : '';
  const pathHint = browser ? t('export.open.pathHintBrowser', { folder }) : t('export.open.pathHint');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next: Errors = {};
    if (!file.trim()) next.file = 'export.validation.fileRequired';
    if (mode === 'identity' && !identityFile.trim()) next.identityFile = 'export.validation.identityRequired';
    if (mode === 'passphrase' && !passphrase) next.passphrase = 'export.validation.passphraseRequired';
    setErrors(next);
    if (Object.keys(next).length > 0) {
      focusFirstInvalid(event.currentTarget as HTMLFormElement);
      return;
    }
    open.mutate({
      file: file.trim(),
      ...(mode === 'identity' ? { identityFile: identityFile.trim() } : { passphrase }),
      ...(outDir.trim() ? { outDir: outDir.trim() } : {}),
    });
  };

  return (
    <>
      <PageHeader title={t('export.open.title')} subtitle={t('export.open.subtitle')} />
      <KeygenPanel pathHint={pathHint} onCreated={(keyFile) => setIdentityFile((current) => current || keyFile)} />

      <section className="panel" aria-labelledby="export-open-title">
        <h2 id="export-open-title" className="panel__title">
          {t('export.open.formTitle')}
        </h2>
        <p className="panel__hint">{t('export.open.intro')}</p>
        <form className="export-open" noValidate onSubmit={submit} aria-busy={open.isPending}>
          <PathField
            id="open-file"
            label={t('export.open.file')}
            hint={pathHint}
            error={errors.file}
            required
            purpose="exportPackage"
            value={file}
            onChange={setFile}
          />

          <Fieldset id="open-mode" legend={t('export.open.how')}>
            <div className="radio-group">
              {(['identity', 'passphrase'] as const).map((m) => (
                <label key={m} className="radio">
                  <input type="radio" name="open-mode" value={m} checked={mode === m} onChange={() => setMode(m)} />
                  <span>{t(`export.open.mode.${m}`)}</span>
                </label>
              ))}
            </div>
          </Fieldset>

          {mode === 'identity' ? (
            <PathField
              id="open-identity"
              label={t('export.open.identityFile')}
              hint={t('export.open.identityHint')}
              error={errors.identityFile}
              required
              purpose="identityFile"
              value={identityFile}
              onChange={setIdentityFile}
            />
          ) : (
            <FormField id="open-passphrase" label={t('export.open.passphrase')} error={errors.passphrase} required className="export-narrow">
              {(control) => <input type="password" autoComplete="off" {...control} value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />}
            </FormField>
          )}

          <PathField
            id="open-out"
            label={t('export.open.outDir')}
            hint={browser ? t('export.open.outDirHintBrowser', { folder }) : t('export.open.outDirHint')}
            purpose="openedFolder"
            value={outDir}
            onChange={setOutDir}
          />

          <div role="status">
            {open.isPending && (
              <p className="export-progress">
                <span className="export-progress__spinner" aria-hidden="true" />
                {t('export.open.working')}
              </p>
            )}
          </div>
          <ErrorAlert error={open.error} />
          <button type="submit" className="button button--primary" disabled={open.isPending}>
            {open.isPending ? t('common.working') : t('export.open.submit')}
          </button>
        </form>
      </section>

      {open.data && !open.isPending && <OpenResult result={open.data} />}
    </>
  );
}
