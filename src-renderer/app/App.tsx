import { QueryClientProvider } from '@tanstack/react-query';
import { I18nextProvider } from 'react-i18next';
import { HashRouter, Route, Routes } from 'react-router-dom';
import { queryClient } from '../api/queries';
import { DashboardPage } from '../features/dashboard/DashboardPage';
import { GroupCreatePage, GroupEditPage } from '../features/groups/GroupFormPages';
import { GroupListPage } from '../features/groups/GroupListPage';
import { GroupPage } from '../features/groups/GroupPage';
import { ProgrammesPage } from '../features/programmes/ProgrammesPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { StaffPage } from '../features/staff/StaffPage';
import { UnitsPage } from '../features/units/UnitsPage';
import { i18n } from '../i18n';
import { Layout } from './Layout';
import { NotFoundPage } from './NotFoundPage';

export function App() {
  return (
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <HashRouter>
          <Routes>
            <Route element={<Layout />}>
              <Route index element={<DashboardPage />} />
              <Route path="groups" element={<GroupListPage />} />
              <Route path="groups/new" element={<GroupCreatePage />} />
              <Route path="groups/:id" element={<GroupPage />} />
              <Route path="groups/:id/edit" element={<GroupEditPage />} />
              <Route path="staff/*" element={<StaffPage />} />
              <Route path="programmes/*" element={<ProgrammesPage />} />
              <Route path="units/*" element={<UnitsPage />} />
              <Route path="settings" element={<SettingsPage />} />
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Routes>
        </HashRouter>
      </QueryClientProvider>
    </I18nextProvider>
  );
}
