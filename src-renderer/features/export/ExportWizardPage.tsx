import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader';
import './export.css';
import { type ExportCoarseningValue } from './format';
import { PreviewStep } from './PreviewStep';
import { RecipientsStep } from './RecipientsStep';
import { RunStep } from './RunStep';
import { ScopeStep } from './ScopeStep';
import { StepIndicator, type WizardStep } from './StepIndicator';
import { coarseningFor, emptyEncryption, emptyScope, noBelowK, type BelowKDraft, type EncryptionDraft, type ScopeDraft } from './wizard-state';

/** Exportera till FoU: scope → recipients → preview with the disclosure check → encrypted file. */
export function ExportWizardPage() {
  const { t } = useTranslation();
  const [step, setStep] = useState<WizardStep>('scope');
  const [scope, setScope] = useState<ScopeDraft>(emptyScope);
  const [coarsening, setCoarsening] = useState<ExportCoarseningValue>(coarseningFor(emptyScope));
  const [belowK, setBelowK] = useState<BelowKDraft>(noBelowK);
  const [encryption, setEncryption] = useState<EncryptionDraft>(emptyEncryption);
  const [run, setRun] = useState(0);
  const firstStep = useRef(true);

  // Each step opens at its heading, so keyboard and screen-reader users start at the new form.
  useEffect(() => {
    if (firstStep.current) {
      firstStep.current = false;
      return;
    }
    document.getElementById(`export-step-${step}`)?.focus();
  }, [step, run]);

  const restart = () => {
    setScope(emptyScope);
    setCoarsening(coarseningFor(emptyScope));
    setBelowK(noBelowK);
    setEncryption(emptyEncryption);
    setStep('scope');
    setRun((n) => n + 1);
  };

  return (
    <>
      <PageHeader
        title={t('export.title')}
        subtitle={t('export.subtitle')}
        actions={
          <Link to="/export/log" className="button button--secondary">
            {t('export.log.title')}
          </Link>
        }
      />
      <StepIndicator current={step} />
      {step === 'scope' && (
        <ScopeStep
          value={scope}
          onNext={(next) => {
            // A new scope starts from the user's own precision, and a reason to go below k was for other data.
            if (JSON.stringify(next) !== JSON.stringify(scope)) {
              setCoarsening(coarseningFor(next));
              setBelowK(noBelowK);
            }
            setScope(next);
            setStep('recipients');
          }}
        />
      )}
      {step === 'recipients' && (
        <RecipientsStep
          value={encryption}
          onBack={() => setStep('scope')}
          onNext={(next) => {
            setEncryption(next);
            setStep('preview');
          }}
        />
      )}
      {step === 'preview' && (
        <PreviewStep
          scope={scope}
          coarsening={coarsening}
          belowK={belowK}
          onBelowK={setBelowK}
          onBack={() => setStep('recipients')}
          onNext={() => setStep('run')}
        />
      )}
      {step === 'run' && (
        <RunStep
          key={run}
          scope={scope}
          coarsening={coarsening}
          belowK={belowK}
          encryption={encryption}
          onBack={() => setStep('preview')}
          onRestart={restart}
        />
      )}
    </>
  );
}
