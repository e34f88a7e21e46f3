import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiMutation } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PathField } from './PathField';

interface KeygenPanelProps {
  pathHint: string;
  /** Hands the new key file to the open form, where it is needed next. */
  onCreated(file: string): void;
}

/** Skapa nyckel: the evaluator's key pair; the public half is sent to whoever exports. */
export function KeygenPanel({ pathHint, onCreated }: KeygenPanelProps) {
  const { t } = useTranslation();
  const keygen = useApiMutation('export.keygen');
  const [outPath, setOutPath] = useState('');
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  const resultRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (keygen.data) resultRef.current?.focus();
  }, [keygen.data]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setCopied('idle');
    keygen.mutate(outPath.trim() ? { outPath: outPath.trim() } : {}, { onSuccess: (r) => onCreated(r.file) });
  };

  const copy = async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied('copied');
    } catch {
      setCopied('failed');
    }
  };

  return (
    <section className="panel" aria-labelledby="export-keygen-title">
      <h2 id="export-keygen-title" className="panel__title">
        {t('export.keygen.title')}
      </h2>
      <p className="panel__hint">{t('export.keygen.intro')}</p>
      <form className="export-open" noValidate onSubmit={submit}>
        <PathField id="keygen-out" label={t('export.keygen.outPath')} hint={pathHint} purpose="keyFile" value={outPath} onChange={setOutPath} />
        <ErrorAlert error={keygen.error} />
        <button type="submit" className="button button--primary" disabled={keygen.isPending}>
          {keygen.isPending ? t('common.working') : t('export.keygen.submit')}
        </button>
      </form>

      {keygen.data && (
        <div className="export-keygen-result">
          <h3 ref={resultRef} className="export-subtitle" tabIndex={-1}>
            {t('export.keygen.doneTitle')}
          </h3>
          <label htmlFor="keygen-public" className="field__label">
            {t('export.keygen.publicKey')}
          </label>
          <p id="keygen-public-hint" className="field__hint">
            {t('export.keygen.publicKeyHint')}
          </p>
          <div className="export-key-row">
            <input
              id="keygen-public"
              className="export-key"
              readOnly
              value={keygen.data.publicKey}
              aria-describedby="keygen-public-hint"
              onFocus={(e) => e.currentTarget.select()}
            />
            <button type="button" className="button button--secondary" onClick={() => void copy(keygen.data.publicKey)}>
              {t('export.keygen.copy')}
            </button>
          </div>
          <p role="status" className="small">
            {copied === 'copied' ? t('export.keygen.copied') : copied === 'failed' ? t('export.keygen.copyFailed') : ''}
          </p>
          <p>
            {t('export.keygen.savedIn')} <span className="mono export-break">{keygen.data.file}</span>
          </p>
          <p className="small muted">{t('export.keygen.keepSecret')}</p>
        </div>
      )}
    </section>
  );
}
