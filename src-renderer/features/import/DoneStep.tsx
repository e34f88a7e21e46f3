import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiMutation } from '../../api/queries';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { StepTitle } from '../../components/Stepper';
import { countList, type ImportPreview } from './import-state';

interface DoneStepProps {
  result: ImportPreview;
  onRestart(): void;
}

/** Step 4: what was imported, and the undo of the whole import (kept until the next one). */
export function DoneStep({ result, onRestart }: DoneStepProps) {
  const { t } = useTranslation();
  const undo = useApiMutation('imports.undo');
  const [asking, setAsking] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (undo.data) headingRef.current?.focus();
  }, [undo.data]);

  return (
    <section className="panel export-step" aria-labelledby="import-step-done">
      <StepTitle id="import-step-done" headingRef={headingRef}>
        {undo.data ? t('import.done.undoneTitle') : t('import.done.title')}
      </StepTitle>
      <div className="alert alert--success export-alert" role="status">
        <p className="alert__title">
          {undo.data
            ? t('import.done.undone', { count: undo.data.removed })
            : t('import.done.summary', {
                list: countList(t, { ...result.counts, skipped: result.counts.invalid }, ['new', 'existing', 'skipped']),
                kind: t(`import.kinds.${result.kind}`),
              })}
        </p>
      </div>
      <div className="form__actions">
        {!undo.data && (
          <button type="button" className="button button--danger-outline" onClick={() => setAsking(true)}>
            {t('import.done.undo')}
          </button>
        )}
        <button type="button" className="button button--secondary" onClick={onRestart}>
          {t('import.done.again')}
        </button>
      </div>
      <ConfirmDialog
        open={asking && !undo.data}
        title={t('import.done.undoTitle')}
        confirmLabel={t('import.done.undo')}
        destructive
        busy={undo.isPending}
        error={undo.error}
        onConfirm={() => undo.mutate({}, { onSuccess: () => setAsking(false) })}
        onClose={() => setAsking(false)}
      >
        <p>{t('import.done.undoText', { count: result.counts.new })}</p>
      </ConfirmDialog>
    </section>
  );
}
