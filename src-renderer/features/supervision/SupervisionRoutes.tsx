import { Route, Routes } from 'react-router-dom';
import { NotFoundPage } from '../../app/NotFoundPage';
import '../leaders/leaders.css';
import { SupervisionEditPage, SupervisionFormPage } from './SupervisionForm';

export function SupervisionRoutes() {
  return (
    <Routes>
      <Route path="new" element={<SupervisionFormPage />} />
      <Route path=":id/edit" element={<SupervisionEditPage />} />
      {/* Meetings are listed on each leader's page; any other address here says it does not exist. */}
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
