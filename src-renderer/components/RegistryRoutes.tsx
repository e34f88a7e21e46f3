import type { ReactNode } from 'react';
import { Route, Routes } from 'react-router-dom';
import type { RegistryKind } from '../stores/registry';
import type { Column } from './DataTable';
import { RegistryFormPage } from './RegistryFormPage';
import { RegistryList, type RegistryItem, type UseItem, type UsePage } from './RegistryList';

interface RegistryRoutesProps<T extends RegistryItem> {
  kind: RegistryKind;
  /** Reads a page of the register for the list (see wholeList for a register read whole). */
  usePage: UsePage<T>;
  /** Reads the entry the edit form is for. */
  useItem: UseItem<T>;
  /** The list's columns between the name and the row's buttons. */
  columns: Column<T>[];
  /** Shown under the list, e.g. a link to a related list. */
  listFooter?: ReactNode;
  /** The form for a new entry (undefined) or for editing one. */
  form(item: T | undefined): ReactNode;
  /** More routes of the register, e.g. a programme's session plan. */
  children?: ReactNode;
}

/** A register's pages: the list, "new" and ":id/edit". */
export function RegistryRoutes<T extends RegistryItem>({ kind, usePage, useItem, columns, listFooter, form, children }: RegistryRoutesProps<T>) {
  return (
    <Routes>
      <Route
        index
        element={
          <>
            <RegistryList kind={kind} usePage={usePage} columns={columns} />
            {listFooter}
          </>
        }
      />
      <Route
        path="new"
        element={
          <RegistryFormPage kind={kind} mode="create" useItem={useItem}>
            {form}
          </RegistryFormPage>
        }
      />
      <Route
        path=":id/edit"
        element={
          <RegistryFormPage kind={kind} mode="edit" useItem={useItem}>
            {form}
          </RegistryFormPage>
        }
      />
      {children}
    </Routes>
  );
}
