import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Fieldset, FormField } from '../../components/FormField';
import { Loading } from '../../components/Loading';
import { StepHeading } from './StepIndicator';
import { focusFirstInvalid, type ScopeDraft } from './wizard-state';
import { programmeLabel } from '../../lib/programme-label';

interface ScopeStepProps {
  value: ScopeDraft;
  onNext(value: ScopeDraft): void;
}

const toggle = (list: string[], id: string, on: boolean) => (on ? [...list, id] : list.filter((x) => x !== id));

/** Step 1: which groups go into the package and how precise dates are. */
export function ScopeStep({ value, onNext }: ScopeStepProps) {
  const { t } = useTranslation();
  const programmes = useApiQuery('programmes.list', { includeArchived: true });
  const units = useApiQuery('units.list', { includeArchived: true });
  const [draft, setDraft] = useState(value);
  const [errors, setErrors] = useState<Partial<Record<'from' | 'to', string>>>({});

  useEffect(() => setDraft(value), [value]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next: typeof errors = {};
    if (draft.from && draft.to && draft.from > draft.to) next.to = 'export.validation.dateOrder';
    setErrors(next);
    if (Object.keys(next).length > 0) {
      focusFirstInvalid(event.currentTarget as HTMLFormElement);
      return;
    }
    onNext(draft);
  };

  return (
    <form className="form export-step" aria-labelledby="export-step-scope" noValidate onSubmit={submit}>
      <StepHeading step="scope" id="export-step-scope" />
      <p className="panel__hint">{t('export.scope.intro')}</p>

      <div className="form__grid">
        <FormField id="export-from" label={t('export.scope.from')} hint={t('export.scope.dateHint')} error={errors.from}>
          {(control) => <input type="date" {...control} value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />}
        </FormField>
        <FormField id="export-to" label={t('export.scope.to')} hint={t('export.scope.dateHint')} error={errors.to}>
          {(control) => <input type="date" {...control} value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />}
        </FormField>
      </div>

      {(programmes.isPending || units.isPending) && <Loading />}
      <ErrorAlert error={programmes.error ?? units.error} />

      {programmes.data && (
        <Fieldset id="export-programmes" legend={t('export.scope.programmes')} hint={t('export.scope.allHint')}>
          <ul className="checkbox-list">
            {programmes.data.map((p) => (
              <li key={p.id}>
                <label className="checkbox">
                  <input
                    type="checkbox"
                    checked={draft.programmeIds.includes(p.id)}
                    onChange={(e) => setDraft({ ...draft, programmeIds: toggle(draft.programmeIds, p.id, e.target.checked) })}
                  />
                  <span>
                    {programmeLabel(p)}
                    {p.active ? '' : ` – ${t('common.archived')}`}
                  </span>
                </label>
              </li>
            ))}
          </ul>
        </Fieldset>
      )}

      {units.data && (
        <Fieldset id="export-units" legend={t('export.scope.units')} hint={t('export.scope.allHint')}>
          <ul className="checkbox-list">
            {units.data.map((u) => (
              <li key={u.id}>
                <label className="checkbox">
                  <input
                    type="checkbox"
                    checked={draft.unitIds.includes(u.id)}
                    onChange={(e) => setDraft({ ...draft, unitIds: toggle(draft.unitIds, u.id, e.target.checked) })}
                  />
                  <span>
                    {u.name}
                    {u.active ? '' : ` – ${t('common.archived')}`}
                  </span>
                </label>
              </li>
            ))}
          </ul>
        </Fieldset>
      )}

      <Fieldset id="export-precision" legend={t('export.scope.precision')} hint={t('export.scope.precisionHint')}>
        <div className="radio-group">
          {(['month', 'week'] as const).map((period) => (
            <label key={period} className="radio">
              <input type="radio" name="export-precision" value={period} checked={draft.period === period} onChange={() => setDraft({ ...draft, period })} />
              <span>{t(`export.precision.${period}`)}</span>
            </label>
          ))}
        </div>
      </Fieldset>

      <div className="form__actions">
        <button type="submit" className="button button--primary">
          {t('export.next')}
        </button>
      </div>
    </form>
  );
}
