import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import type { RegistryKind } from '../../stores/registry';

interface Props<T> {
  kind: RegistryKind;
  mode: 'create' | 'edit';
  /** For edit: the list the entry is found in (there is no single-entry procedure). */
  items?: T[] | undefined;
  id?: string | undefined;
  isPending?: boolean;
  error?: unknown;
  children: (item: T | undefined) => ReactNode;
}

export function RegistryFormPage<T extends { id: string }>({ kind, mode, items, id, isPending, error, children }: Props<T>) {
  const { t } = useTranslation();
  const item = mode === 'edit' ? items?.find((i) => i.id === id) : undefined;
  const back = (
    <Link to={`/${kind}`}>
      ← {t(`${kind}.backToList`)}
    </Link>
  );
  return (
    <>
      <PageHeader title={t(mode === 'create' ? `${kind}.createTitle` : `${kind}.editTitle`)} back={back} />
      {mode === 'edit' && isPending && <Loading />}
      <ErrorAlert error={error} />
      {mode === 'edit' && items && !item && <p role="alert">{t('registry.notFound')}</p>}
      {(mode === 'create' || item) && children(item)}
    </>
  );
}

export function FormActions({ saving, cancelTo, submitLabel }: { saving: boolean; cancelTo: string; submitLabel?: string }) {
  const { t } = useTranslation();
  return (
    <div className="form__actions">
      <button type="submit" className="button button--primary" disabled={saving}>
        {saving ? t('common.saving') : (submitLabel ?? t('common.save'))}
      </button>
      <Link to={cancelTo} className="button button--secondary">
        {t('common.cancel')}
      </Link>
    </div>
  );
}
