import { QueryClientProvider } from '@tanstack/react-query';
import { I18nextProvider } from 'react-i18next';
import { HashRouter, Route, Routes } from 'react-router-dom';
import { queryClient } from '../api/queries';
import { DashboardPage } from '../features/dashboard/DashboardPage';
import { ExportLogPage } from '../features/export/ExportLogPage';
import { ExportWizardPage } from '../features/export/ExportWizardPage';
import { ImportPage } from '../features/import/ImportPage';
import { OpenExportPage } from '../features/export/OpenExportPage';
import { AttendanceSheetPage } from '../features/groups/AttendanceSheetPage';
import { GroupCreatePage, GroupEditPage } from '../features/groups/GroupFormPages';
import { GroupListPage } from '../features/groups/GroupListPage';
import { GroupPage } from '../features/groups/GroupPage';
import { CoursesRoutes } from '../features/courses/CoursesPage';
import { LeadersRoutes } from '../features/leaders/LeadersRoutes';
import { SupervisionRoutes } from '../features/supervision/SupervisionRoutes';
import { AuditPage } from '../features/audit/AuditPage';
import { BackupsPage } from '../features/backups/BackupsPage';
import { ProgrammesPage } from '../features/programmes/ProgrammesPage';
import { ReportsPage } from '../features/reports/ReportsPage';
import { EntryPage } from '../features/outcomes/EntryPage';
import { LibraryPage } from '../features/outcomes/LibraryPage';
import { OutcomesPage } from '../features/outcomes/OutcomesPage';
import { SearchPage } from '../features/search/SearchPage';
import { RecordSessionPage } from '../features/record/RecordSessionPage';
import { RecipientsPage } from '../features/recipients/RecipientsPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { StaffPage } from '../features/staff/StaffPage';
import { UnitsPage } from '../features/units/UnitsPage';
import { ConflictsPage } from '../features/sync/ConflictsPage';
import { SyncSettingsPage } from '../features/sync/SyncSettingsPage';
import { VaultGate } from '../features/vault/VaultGate';
import { i18n } from '../i18n';
import { Layout } from './Layout';
import { NotFoundPage } from './NotFoundPage';

export function App() {
  return (
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <VaultGate>
          <HashRouter useTransitions={false}>
            <Routes>
              <Route element={<Layout />}>
                <Route index element={<DashboardPage />} />
                <Route path="groups" element={<GroupListPage />} />
                <Route path="groups/new" element={<GroupCreatePage />} />
                <Route path="groups/:id" element={<GroupPage />} />
                <Route path="groups/:id/edit" element={<GroupEditPage />} />
                <Route path="groups/:id/sessions/:sessionId/record" element={<RecordSessionPage />} />
                <Route path="groups/:id/sessions/:sessionId/sheet" element={<AttendanceSheetPage />} />
                <Route path="outcomes" element={<OutcomesPage />} />
                <Route path="outcomes/instruments" element={<LibraryPage />} />
                <Route path="outcomes/entry/:participantId/:instrument/:timepoint" element={<EntryPage />} />
                <Route path="staff/*" element={<StaffPage />} />
                <Route path="leaders/*" element={<LeadersRoutes />} />
                <Route path="supervision/*" element={<SupervisionRoutes />} />
                <Route path="courses/*" element={<CoursesRoutes />} />
                <Route path="programmes/*" element={<ProgrammesPage />} />
                <Route path="units/*" element={<UnitsPage />} />
                <Route path="backups" element={<BackupsPage />} />
                <Route path="audit" element={<AuditPage />} />
                <Route path="search" element={<SearchPage />} />
                <Route path="settings" element={<SettingsPage />} />
                <Route path="settings/recipients" element={<RecipientsPage />} />
                <Route path="settings/sync" element={<SyncSettingsPage />} />
                <Route path="sync/conflicts" element={<ConflictsPage />} />
                <Route path="reports" element={<ReportsPage />} />
                <Route path="export" element={<ExportWizardPage />} />
                <Route path="import" element={<ImportPage />} />
                <Route path="export/log" element={<ExportLogPage />} />
                <Route path="open-export" element={<OpenExportPage />} />
                <Route path="*" element={<NotFoundPage />} />
              </Route>
            </Routes>
          </HashRouter>
        </VaultGate>
      </QueryClientProvider>
    </I18nextProvider>
  );
}
