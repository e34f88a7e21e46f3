import { useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { Course } from '@contract';
import { setApiData, useApiMutation, useApiQuery } from '../../api/queries';
import { Detail } from '../../components/Detail';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { Panel } from '../../components/Panel';
import { PendingPage } from '../../components/QueryState';
import { useFormat } from '../../lib/format';

export function CoursePage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { id = '' } = useParams();
  const course = useApiQuery('courses.get', { id });
  const c = course.data;
  const back = <Link to="/courses">← {t('courses.back')}</Link>;
  if (!c) {
    return <PendingPage title={t('courses.title')} back={back} query={course} />;
  }
  return (
    <>
      <PageHeader title={c.title} back={back} subtitle={`${c.programmeCode} · ${fmt.shortDate(c.firstDate)} – ${fmt.shortDate(c.lastDate)}`} />
      <Panel id="course-details" title={t('courses.details')}>
        <dl className="details">
          <Detail label={t('courses.programme')}>{c.programmeCode}</Detail>
          <Detail label={t('courses.trainer')}>{c.trainerName || '–'}</Detail>
          <Detail label={t('courses.dates')}>{c.dates.map((d) => fmt.shortDate(d)).join(', ')}</Detail>
          {c.note && <Detail label={t('courses.note')}>{c.note}</Detail>}
        </dl>
      </Panel>
      <Panel id="course-attendance" title={t('courses.attendance')}>
        <p className="panel__hint" id="course-grid-hint">
          {t('courses.gridHint')}
        </p>
        <AttendanceGrid course={c} />
      </Panel>
    </>
  );
}

/**
 * Leaders × course days as native checkboxes: Tab reaches each one, and the arrow keys move
 * through the grid like a spreadsheet. A click shows at once; the server then confirms it.
 */
function AttendanceGrid({ course }: { course: Course }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const staff = useApiQuery('staff.list', { includeArchived: true });
  const setAttendance = useApiMutation('courses.setAttendance');
  const [pending, setPending] = useState<Record<string, string[]>>({});
  const recorded = new Map(course.attendees.map((a) => [a.leaderId, a.dates]));
  // Active leaders, plus anyone already recorded even if since archived.
  const rows = (staff.data ?? []).filter((s) => (s.active && s.isLeader) || recorded.has(s.id));

  // Saves go out one at a time per leader, in click order: two quick clicks on one row would
  // otherwise race, and the older set of days could land last and win.
  const queues = useRef(new Map<string, Promise<unknown>>());
  const latest = useRef(new Map<string, string[]>());
  const toggle = (leaderId: string, date: string, checked: boolean) => {
    const current = latest.current.get(leaderId) ?? recorded.get(leaderId) ?? [];
    const next = checked ? [...current.filter((d) => d !== date), date].sort() : current.filter((d) => d !== date);
    latest.current.set(leaderId, next);
    setPending((p) => ({ ...p, [leaderId]: next }));
    const save = (queues.current.get(leaderId) ?? Promise.resolve())
      .then(async () => setApiData('courses.get', { id: course.id }, await setAttendance.mutateAsync({ courseId: course.id, leaderId, dates: next })))
      .catch(() => {
        // Shown above the grid; the box returns to what is stored.
      })
      .finally(() => {
        // A later click on the same row is still queued; leave its state alone.
        if (latest.current.get(leaderId) !== next) return;
        latest.current.delete(leaderId);
        queues.current.delete(leaderId);
        setPending((p) => {
          const { [leaderId]: _done, ...rest } = p;
          return rest;
        });
      });
    queues.current.set(leaderId, save);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTableElement>) => {
    const target = e.target as HTMLElement;
    const row = Number(target.dataset.row);
    const col = Number(target.dataset.col);
    if (Number.isNaN(row) || Number.isNaN(col)) return;
    const moves: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    const move = moves[e.key];
    if (!move) return;
    const next = e.currentTarget.querySelector<HTMLInputElement>(`input[data-row="${row + move[0]}"][data-col="${col + move[1]}"]`);
    if (next) {
      e.preventDefault();
      next.focus();
    }
  };

  if (staff.isPending) return <Loading />;
  if (rows.length === 0) return <p className="muted">{t('courses.noLeaders')}</p>;
  return (
    <>
      <ErrorAlert error={setAttendance.error ?? staff.error} />
      <div className="table-wrap">
        <table className="table course-grid" onKeyDown={onKeyDown} aria-describedby="course-grid-hint">
          <caption className="visually-hidden">{t('courses.attendance')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('courses.leader')}</th>
              {course.dates.map((d, i) => (
                <th key={d} scope="col" className="num">
                  {t('courses.day', { n: i + 1 })}
                  <div className="muted small">{fmt.shortDate(d)}</div>
                </th>
              ))}
              <th scope="col" className="num">
                {t('courses.daysAttended')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((s, r) => {
              const attended = pending[s.id] ?? recorded.get(s.id) ?? [];
              return (
                <tr key={s.id}>
                  <th scope="row">{s.name}</th>
                  {course.dates.map((d, c) => (
                    <td key={d} className="check-cell">
                      <input
                        type="checkbox"
                        data-row={r}
                        data-col={c}
                        checked={attended.includes(d)}
                        aria-label={t('courses.cellLabel', { name: s.name, n: c + 1, date: fmt.shortDate(d) })}
                        onChange={(e) => toggle(s.id, d, e.target.checked)}
                      />
                    </td>
                  ))}
                  <td className="num">{t('courses.ofDays', { done: attended.filter((d) => course.dates.includes(d)).length, total: course.dates.length })}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
