import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { useApiQuery } from '../../api/queries';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { useFormat } from '../../lib/format';

/** What the header's search found, as links: people to their group, groups and leaders to their pages. */
export function SearchPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [params] = useSearchParams();
  const term = (params.get('q') ?? '').trim();
  const found = useApiQuery('search.find', { term }, { enabled: term !== '' });
  const title = term ? t('search.title', { term }) : t('search.label');

  return (
    <>
      <PageHeader title={title} subtitle={t('search.hint')} />
      {term === '' ? (
        <p className="muted">{t('search.empty')}</p>
      ) : (
        <QueryState query={found}>
          {(r) =>
            r.participants.length + r.groups.length + r.leaders.length === 0 ? (
              <p role="status">{t('search.none', { term })}</p>
            ) : (
              <div className="search-results">
                <section aria-labelledby="search-participants">
                  <h2 id="search-participants">{t('search.participants')}</h2>
                  {r.participants.length === 0 ? (
                    <p className="muted">{t('search.noneOfKind')}</p>
                  ) : (
                    <ul>
                      {r.participants.map((p) => (
                        <li key={p.id}>
                          <Link to={`/groups/${p.groupId}`}>{p.displayName}</Link>{' '}
                          <span className="muted">
                            {t('search.inGroup', { group: `${p.programmeCode} · ${p.unitName}`, date: fmt.shortDate(p.startDate) })}
                          </span>
                        </li>
                      ))}
                    </ul>
                  )}
                </section>
                <section aria-labelledby="search-groups">
                  <h2 id="search-groups">{t('search.groups')}</h2>
                  {r.groups.length === 0 ? (
                    <p className="muted">{t('search.noneOfKind')}</p>
                  ) : (
                    <ul>
                      {r.groups.map((g) => (
                        <li key={g.id}>
                          <Link to={`/groups/${g.id}`}>{`${g.programmeCode} · ${g.unitName}${g.venue ? `, ${g.venue}` : ''}`}</Link>{' '}
                          <span className="muted">{t('search.starts', { date: fmt.shortDate(g.startDate) })}</span>
                        </li>
                      ))}
                    </ul>
                  )}
                </section>
                <section aria-labelledby="search-leaders">
                  <h2 id="search-leaders">{t('search.leaders')}</h2>
                  {r.leaders.length === 0 ? (
                    <p className="muted">{t('search.noneOfKind')}</p>
                  ) : (
                    <ul>
                      {r.leaders.map((l) => (
                        <li key={l.id}>
                          <Link to={`/leaders/${l.id}`}>{l.name}</Link> {l.unitName && <span className="muted">{l.unitName}</span>}
                        </li>
                      ))}
                    </ul>
                  )}
                </section>
              </div>
            )
          }
        </QueryState>
      )}
    </>
  );
}
