import { Route, Routes } from 'react-router-dom';
import { CertificatePrintPage } from './CertificatePrintPage';
import { LeaderOverviewPage } from './LeaderOverviewPage';
import { LeaderPage } from './LeaderPage';
import { RequirementsPage } from './RequirementsPage';
import './leaders.css';

export function LeadersRoutes() {
  return (
    <Routes>
      <Route index element={<LeaderOverviewPage />} />
      <Route path="requirements/:programmeId" element={<RequirementsPage />} />
      <Route path=":id" element={<LeaderPage />} />
      <Route path=":id/print/:programmeId" element={<CertificatePrintPage />} />
    </Routes>
  );
}
