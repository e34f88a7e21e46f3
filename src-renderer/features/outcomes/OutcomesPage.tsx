import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { prefetchTogether, queryPart } from '../../api/queries';
import { PageHeader } from '../../components/PageHeader';
import { openingResultsInputs, ResultsPanel } from './ResultsPanel';
import { openingWorklistInput, WorklistPanel } from './WorklistPanel';
import './outcomes.css';

/**
 * What Enkäter reads as it opens, in one call: the worklist's first page, the library, the
 * programmes and the library's first instrument's results. Asked apart, the worklist's answer drew
 * the screen once and the results' answer a second time before it was whole.
 */
export function prefetchOutcomes(): void {
  const { programmes, results } = openingResultsInputs;
  prefetchTogether('outcomes.screen', { worklist: openingWorklistInput, programmes, results }, [
    queryPart('outcomes.worklistPage', openingWorklistInput, (screen) => screen.worklist),
    queryPart('instruments.list', {}, (screen) => screen.instruments),
    queryPart('programmes.list', programmes, (screen) => screen.programmes),
    queryPart('outcomes.results', results, (screen) => screen.results),
  ]);
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
