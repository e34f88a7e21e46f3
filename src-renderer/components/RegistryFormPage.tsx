import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { RegistryKind } from '../stores/registry';
import { PageHeader } from './PageHeader';
import { QueryState, type QueryLike } from './QueryState';

interface Props<T> {
  kind: RegistryKind;
  mode: 'create' | 'edit';
  /** For edit: the list the entry (the route's :id) is found in; there is no single-entry procedure. */
  list: QueryLike<T[]>;
  children: (item: T | undefined) => ReactNode;
}

export function RegistryFormPage<T extends { id: string }>({ kind, mode, list, children }: Props<T>) {
  const { t } = useTranslation();
  const { id } = useParams();
  const back = <Link to={`/${kind}`}>← {t(`${kind}.backToList`)}</Link>;
  return (
    <>
      <PageHeader title={t(mode === 'create' ? `${kind}.createTitle` : `${kind}.editTitle`)} back={back} />
      {mode === 'create' ? (
        children(undefined)
      ) : (
        <QueryState query={list}>
          {(items) => {
            const item = items.find((i) => i.id === id);
            return item ? children(item) : <p role="alert">{t('registry.notFound')}</p>;
          }}
        </QueryState>
      )}
    </>
  );
}
