import { useTranslation } from 'react-i18next';
import { Link, Route, Routes } from 'react-router-dom';
import { useApiQuery } from '../../api/queries';
import { DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
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
      <QueryState query={courses}>
        {(list) => (
          <DataTable
            caption={t('courses.title')}
            rows={list}
            empty={
              <EmptyState title={t('courses.empty')} action={create}>
                {t('courses.emptyText')}
              </EmptyState>
            }
            columns={[
              {
                key: 'course',
                header: t('courses.course'),
                rowHeader: true,
                cell: (c) => (
                  <Link to={`/courses/${c.id}`} className="table__primary-link">
                    {c.title}
                  </Link>
                ),
              },
              { key: 'programme', header: t('courses.programme'), cell: (c) => c.programmeCode },
              {
                key: 'dates',
                header: t('courses.dates'),
                cellClassName: 'nowrap',
                cell: (c) => (
                  <>
                    {fmt.shortDate(c.firstDate)} – {fmt.shortDate(c.lastDate)}
                    <div className="muted small">{t('courses.dayCount', { count: c.dates.length })}</div>
                  </>
                ),
              },
              { key: 'trainer', header: t('courses.trainer'), cell: (c) => c.trainerName },
              { key: 'attendees', header: t('courses.attendees'), className: 'num', cell: (c) => fmt.number(c.attendees.length) },
            ]}
          />
        )}
      </QueryState>
    </>
  );
}
