import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiMutation, useApiQuery } from '../../api/queries';
import { Checkbox } from '../../components/Checkbox';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormActions } from '../../components/FormActions';
import { Loading } from '../../components/Loading';
import { useBilingual } from '../../i18n/useBilingual';
import { showToast } from '../../stores/toasts';
import { textLimits } from '@contract/limits';
import { fidelityHeading } from './heading';

/** The session plan's components as a checklist, with a short note; saved as one record. */
export function FidelityForm({ sessionId, number, onDone }: { sessionId: string; number: number; onDone(): void }) {
  const { t } = useTranslation();
  const pick = useBilingual();
  const fidelity = useApiQuery('fidelity.get', { sessionId });
  const record = useApiMutation('fidelity.record');
  const clear = useApiMutation('fidelity.clear');
  const [covered, setCovered] = useState<Set<string> | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const f = fidelity.data;
  const titleId = `fidelity-form-${sessionId}`;

  useEffect(() => {
    if (f) document.getElementById(titleId)?.focus();
  }, [f, titleId]);

  if (!f) return fidelity.isPending ? <Loading /> : <ErrorAlert error={fidelity.error} />;
  const chosen = covered ?? new Set(f.components.filter((c) => c.covered).map((c) => c.key));
  const text = note ?? f.note;
  const share = f.components.length ? Math.round((chosen.size * 100) / f.components.length) : 0;

  const save = async () => {
    try {
      const saved = await record.mutateAsync({ sessionId, covered: [...chosen], note: text });
      showToast(t('fidelity.saved', { number, percent: saved.percent ?? 0 }));
      onDone();
    } catch {
      // Shown in the form.
    }
  };
  const remove = async () => {
    try {
      await clear.mutateAsync({ sessionId });
      showToast(t('fidelity.cleared', { number }));
      onDone();
    } catch {
      // Shown in the form.
    }
  };

  return (
    <form
      className="fidelity-form"
      noValidate
      aria-labelledby={titleId}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      onKeyDown={(e) => e.key === 'Escape' && onDone()}
    >
      <h3 id={titleId} className="panel__title" tabIndex={-1}>
        {fidelityHeading(t, number, f.title)}
      </h3>
      <ErrorAlert error={record.error ?? clear.error} />
      <fieldset className="fieldset">
        <legend className="field__label">{t('fidelity.components')}</legend>
        <div className="checkbox-list">
          {f.components.map((c) => (
            <Checkbox
              key={c.key}
              label={pick({ sv: c.sv, en: c.en || c.sv })}
              checked={chosen.has(c.key)}
              onChange={(e) => {
                const next = new Set(chosen);
                if (e.target.checked) next.add(c.key);
                else next.delete(c.key);
                setCovered(next);
              }}
            />
          ))}
        </div>
        <p className="field__hint" aria-live="polite">
          {t('fidelity.share', { covered: chosen.size, total: f.components.length, percent: share })}
        </p>
      </fieldset>
      <div className="field">
        <label htmlFor={`${titleId}-note`} className="field__label">
          {t('fidelity.note')}
        </label>
        <p id={`${titleId}-note-hint`} className="field__hint">
          {t('fidelity.noteHint')}
        </p>
        <textarea
          id={`${titleId}-note`}
          aria-describedby={`${titleId}-note-hint`}
          rows={2}
          maxLength={textLimits.fidelityNote}
          value={text}
          onChange={(e) => setNote(e.target.value)}
        />
      </div>
      <FormActions saving={record.isPending} submitLabel={t('fidelity.save')} cancel={onDone}>
        {f.recorded && (
          <button type="button" className="button button--link button--danger-text" onClick={() => void remove()} disabled={clear.isPending}>
            {t('fidelity.clear')}
          </button>
        )}
      </FormActions>
    </form>
  );
}
