import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader';
import { prefetchResults, ResultsPanel } from './ResultsPanel';
import { prefetchWorklist, WorklistPanel } from './WorklistPanel';
import './outcomes.css';

/** What Enkäter reads as it opens, in the order its panels ask. */
export function prefetchOutcomes(): void {
  void prefetchWorklist();
  prefetchResults();
}

/** Enkäter: what is due to be entered, and the results so far. */
export function OutcomesPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader
        title={t('outcomes.title')}
        subtitle={t('outcomes.subtitle')}
        actions={
          <Link to="/outcomes/instruments" className="button button--secondary">
            {t('outcomes.libraryLink')}
          </Link>
        }
      />
      <WorklistPanel />
      <ResultsPanel />
    </>
  );
}
