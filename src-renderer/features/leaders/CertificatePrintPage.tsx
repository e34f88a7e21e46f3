import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useApiQuery } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import '../../styles/print.css';
import { Checklist } from './Checklist';
import { Detail, percent, shareAsPercent } from './common';
import { useFormat } from '../../lib/format';

/**
 * The certificate summary as a page of its own, laid out for A4. "Skriv ut" uses the browser's
 * print; print.css hides the app around it, so Electron's printToPDF gives the same paper.
 */
export function CertificatePrintPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { id = '', programmeId = '' } = useParams();
  const summary = useApiQuery('leaders.certificateSummary', { leaderId: id, programmeId });
  const s = summary.data;
  const back = (
    <Link to={`/leaders/${id}`} className="no-print">
      ← {t('leaders.print.back')}
    </Link>
  );
  if (!s) {
    return (
      <>
        <PageHeader title={t('leaders.print.title')} back={back} />
        {summary.isPending && <Loading />}
        <ErrorAlert error={summary.error} />
      </>
    );
  }
  const c = s.certification;
  return (
    <>
      <div className="no-print">
        <PageHeader
          title={t('leaders.print.heading', { name: s.leader.name })}
          back={back}
          actions={
            <button type="button" className="button button--primary" onClick={() => window.print()}>
              {t('leaders.print.print')}
            </button>
          }
        />
      </div>
      <article className="panel certificate" aria-labelledby="certificate-title">
        <h2 id="certificate-title" className="certificate__title">
          {t('leaders.print.documentTitle', { programme: s.programme.name })}
        </h2>
        <p className="muted">{t('leaders.print.printedOn', { date: fmt.date(s.printedOn) })}</p>
        <dl className="details">
          <Detail label={t('leaders.print.leader')} value={s.leader.name} />
          <Detail label={t('leaders.print.unit')} value={s.leader.unitName ?? '–'} />
          <Detail label={t('leaders.print.programme')} value={`${s.programme.name} (${s.programme.code})`} />
          <Detail label={t('leaders.col.status')} value={t(`leaders.status.${s.pathway.status}`)} />
          <Detail label={t('leaders.print.certifiedOn')} value={c ? fmt.date(c.date) : t('leaders.print.notCertified')} />
          <Detail label={t('leaders.print.certifiedBy')} value={c ? c.supervisorName : '–'} />
          {c && !c.requirementsMet && <Detail label={t('leaders.print.overrideReason')} value={c.overrideReason ?? '–'} />}
          {c?.note && <Detail label={t('leaders.certify.note')} value={c.note} />}
        </dl>

        <section aria-labelledby="cert-requirements">
          <h2 id="cert-requirements">{t('leaders.pathway.title')}</h2>
          <Checklist pathway={s.pathway} />
        </section>

        <section aria-labelledby="cert-courses">
          <h2 id="cert-courses">{t('leaders.courses.title')}</h2>
          {s.courses.length === 0 ? (
            <p className="muted">{t('leaders.courses.empty')}</p>
          ) : (
            <ul>
              {s.courses.map((course, i) => (
                <li key={i}>
                  {course.title} ({course.trainerName}): {course.daysAttended.map((d) => fmt.shortDate(d)).join(', ') || '–'}
                </li>
              ))}
            </ul>
          )}
        </section>

        <section aria-labelledby="cert-groups">
          <h2 id="cert-groups">{t('leaders.groups.title')}</h2>
          {s.groups.length === 0 ? (
            <p className="muted">{t('leaders.groups.empty')}</p>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('leaders.groups.group')}</th>
                  <th scope="col" className="num">{t('leaders.groups.sessions')}</th>
                  <th scope="col" className="num">{t('leaders.col.attendance')}</th>
                  <th scope="col" className="num">{t('leaders.col.fidelity')}</th>
                  <th scope="col">{t('leaders.groups.supervisor')}</th>
                </tr>
              </thead>
              <tbody>
                {s.groups.map((g) => (
                  <tr key={g.groupId}>
                    <th scope="row">
                      {g.programmeCode} · {g.unitName}, {fmt.shortDate(g.startDate)}
                    </th>
                    <td className="num">{t('groups.heldOf', { held: g.heldCount, total: g.sessionCount })}</td>
                    <td className="num">{shareAsPercent(g.meanAttendance)}</td>
                    <td className="num">{percent(g.meanFidelity)}</td>
                    <td>{g.supervisorName ?? '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>

        <section aria-labelledby="cert-supervision">
          <h2 id="cert-supervision">{t('leaders.supervision.title')}</h2>
          {s.supervision.length === 0 ? (
            <p className="muted">{t('leaders.supervision.empty')}</p>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('supervision.date')}</th>
                  <th scope="col">{t('supervision.supervisor')}</th>
                  <th scope="col">{t('supervision.format')}</th>
                  <th scope="col" className="num">{t('leaders.supervision.rating')}</th>
                </tr>
              </thead>
              <tbody>
                {s.supervision.map((x, i) => (
                  <tr key={i}>
                    <th scope="row" className="nowrap">{fmt.shortDate(x.date)}</th>
                    <td>{x.supervisorName}</td>
                    <td>
                      {t(`supervision.formats.${x.format}`)}, {t(`supervision.modes.${x.mode}`)}
                    </td>
                    <td className="num">{x.rating ?? '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>

        <div className="certificate__signature" aria-hidden="true">
          <p className="certificate__line">{t('leaders.print.signature')}</p>
          <p className="certificate__line">{t('leaders.print.place')}</p>
        </div>
      </article>
    </>
  );
}
