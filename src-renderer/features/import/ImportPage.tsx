import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportKind } from '@contract/enums';
import { useApiMutation } from '../../api/queries';
import { PageHeader } from '../../components/PageHeader';
// The import's steps look like the export's (panels, alerts).
import '../export/export.css';
import { DoneStep } from './DoneStep';
import { DryRunStep } from './DryRunStep';
import { FileStep } from './FileStep';
import { ImportStepIndicator } from './ImportStepIndicator';
import { MappingStep } from './MappingStep';
import { mappingInput, sessionsInput, type ChosenFile, type ImportPreview, type ImportStep, type MappingDraft, type SessionDraft } from './import-state';

/** Importera: file → sheet and columns → dry run with every row's fate → commit → summary with undo. */
export function ImportPage() {
  const { t } = useTranslation();
  const [step, setStep] = useState<ImportStep>('file');
  const [kind, setKind] = useState<ImportKind>('participants');
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [mapping, setMapping] = useState<MappingDraft | null>(null);
  const [sessions, setSessions] = useState<SessionDraft>({});
  const [guess, setGuess] = useState<ImportPreview | null>(null);
  const [dryRun, setDryRun] = useState<ImportPreview | null>(null);
  const [result, setResult] = useState<ImportPreview | null>(null);
  const read = useApiMutation('imports.preview');
  const tryRows = useApiMutation('imports.preview');
  const commit = useApiMutation('imports.commit');
  const firstStep = useRef(true);

  // Each step opens at its heading, so keyboard and screen-reader users start at the new part.
  useEffect(() => {
    if (firstStep.current) {
      firstStep.current = false;
      return;
    }
    document.getElementById(`import-step-${step}`)?.focus();
  }, [step]);

  const readFile = (chosen: ChosenFile) => {
    setFile(chosen);
    setKind(chosen.kind);
    read.mutate(chosen, {
      onSuccess: (preview) => {
        setGuess(preview);
        setFile({ ...chosen, sheet: preview.sheet });
        setStep('mapping');
      },
    });
  };

  // Only an attendance matrix has session columns to carry.
  const columnsOf = (draft: MappingDraft, sessionDraft: SessionDraft) => (kind === 'attendance' ? { sessions: sessionsInput(sessionDraft, draft) } : {});

  const restart = () => {
    setFile(null);
    setGuess(null);
    setDryRun(null);
    setResult(null);
    setMapping(null);
    setSessions({});
    read.reset();
    tryRows.reset();
    commit.reset();
    setStep('file');
  };

  return (
    <>
      <PageHeader title={t('import.title')} subtitle={t('import.subtitle')} />
      <ImportStepIndicator current={step} />
      {step === 'file' && <FileStep kind={kind} busy={read.isPending} error={read.error} onNext={readFile} />}
      {step === 'mapping' && guess && file && (
        <MappingStep
          key={guess.sheet}
          preview={guess}
          busy={read.isPending || tryRows.isPending}
          error={read.error ?? tryRows.error}
          onSheet={(sheet) => readFile({ ...file, sheet })}
          onBack={() => setStep('file')}
          onNext={(draft, sessionDraft) => {
            setMapping(draft);
            setSessions(sessionDraft);
            tryRows.mutate(
              { ...file, mapping: mappingInput(draft), ...columnsOf(draft, sessionDraft) },
              {
                onSuccess: (preview) => {
                  setDryRun(preview);
                  commit.reset();
                  setStep('preview');
                },
              },
            );
          }}
        />
      )}
      {step === 'preview' && dryRun && file && mapping && (
        <DryRunStep
          preview={dryRun}
          busy={commit.isPending}
          error={commit.error}
          onBack={() => setStep('mapping')}
          onCommit={(skipInvalid) =>
            commit.mutate(
              { ...file, mapping: mappingInput(mapping), ...columnsOf(mapping, sessions), skipInvalid },
              {
                onSuccess: (done) => {
                  setResult(done);
                  setStep('done');
                },
              },
            )
          }
        />
      )}
      {step === 'done' && result && <DoneStep result={result} onRestart={restart} />}
    </>
  );
}
