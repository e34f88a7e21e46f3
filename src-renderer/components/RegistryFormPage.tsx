import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { RegistryKind } from '../stores/registry';
import { PageHeader } from './PageHeader';
import { QueryState } from './QueryState';
import type { UseItem } from './RegistryList';

interface Props<T> {
  kind: RegistryKind;
  mode: 'create' | 'edit';
  /** For edit: reads the entry the route's :id names. */
  useItem: UseItem<T>;
  children: (item: T | undefined) => ReactNode;
}

export function RegistryFormPage<T extends { id: string }>({ kind, mode, useItem, children }: Props<T>) {
  const { t } = useTranslation();
  const { id } = useParams();
  const back = <Link to={`/${kind}`}>← {t(`${kind}.backToList`)}</Link>;
  return (
    <>
      <PageHeader title={t(mode === 'create' ? `${kind}.createTitle` : `${kind}.editTitle`)} back={back} />
      {mode === 'create' ? children(undefined) : <EditedItem id={id ?? ''} useItem={useItem} children={children} />}
    </>
  );
}

/** Its own component: the entry is read (a hook) only on the edit route. */
function EditedItem<T>({ id, useItem, children }: { id: string; useItem: UseItem<T>; children: (item: T) => ReactNode }) {
  const { t } = useTranslation();
  const item = useItem(id);
  return <QueryState query={item}>{(found) => (found ? children(found) : <p role="alert">{t('registry.notFound')}</p>)}</QueryState>;
}
