import { Route, Routes } from 'react-router-dom';
import '../leaders/leaders.css';
import { SupervisionFormPage } from './SupervisionForm';

export function SupervisionRoutes() {
  return (
    <Routes>
      <Route path="new" element={<SupervisionFormPage />} />
    </Routes>
  );
}
