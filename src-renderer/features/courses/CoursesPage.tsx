import { useTranslation } from 'react-i18next';
import { Link, Route, Routes } from 'react-router-dom';
import { useApiQuery } from '../../api/queries';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useFormat } from '../../lib/format';
import '../leaders/leaders.css';
import { CourseFormPage } from './CourseForm';
import { CoursePage } from './CoursePage';

export function CoursesRoutes() {
  return (
    <Routes>
      <Route index element={<CourseList />} />
      <Route path="new" element={<CourseFormPage />} />
      <Route path=":id" element={<CoursePage />} />
    </Routes>
  );
}

function CourseList() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const courses = useApiQuery('courses.list', {});
  const create = (
    <Link to="/courses/new" className="button button--primary">
      {t('courses.create')}
    </Link>
  );
  return (
    <>
      <PageHeader title={t('courses.title')} subtitle={t('courses.intro')} back={<Link to="/leaders">← {t('courses.backToLeaders')}</Link>} actions={create} />
      {courses.isPending && <Loading />}
      <ErrorAlert error={courses.error} />
      {courses.data &&
        (courses.data.length === 0 ? (
          <EmptyState title={t('courses.empty')} action={create}>
            {t('courses.emptyText')}
          </EmptyState>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">{t('courses.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('courses.course')}</th>
                  <th scope="col">{t('courses.programme')}</th>
                  <th scope="col">{t('courses.dates')}</th>
                  <th scope="col">{t('courses.trainer')}</th>
                  <th scope="col" className="num">
                    {t('courses.attendees')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {courses.data.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">
                      <Link to={`/courses/${c.id}`} className="table__primary-link">
                        {c.title}
                      </Link>
                    </th>
                    <td>{c.programmeCode}</td>
                    <td className="nowrap">
                      {fmt.shortDate(c.firstDate)} – {fmt.shortDate(c.lastDate)}
                      <div className="muted small">{t('courses.dayCount', { count: c.dates.length })}</div>
                    </td>
                    <td>{c.trainerName}</td>
                    <td className="num">{fmt.number(c.attendees.length)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
    </>
  );
}
