import { Route, Routes } from 'react-router-dom';
import '../leaders/leaders.css';
import { SupervisionEditPage, SupervisionFormPage } from './SupervisionForm';

export function SupervisionRoutes() {
  return (
    <Routes>
      <Route path="new" element={<SupervisionFormPage />} />
      <Route path=":id/edit" element={<SupervisionEditPage />} />
    </Routes>
  );
}
