import { useEffect } from 'react';
import { useFieldArray, useForm, type Path } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { ReportSection, SavedReport } from '@contract';
import { BUDGET_KINDS, REPORT_SECTIONS } from '@contract/enums';
import { useApiMutation, useApiQuery } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormActions } from '../../components/FormActions';
import { InputField, TextAreaField } from '../../components/InputField';
import { Panel } from '../../components/Panel';
import { SelectField } from '../../components/SelectField';
import { useFormat } from '../../lib/format';
import { pathHead, useServerIssues } from '../../lib/forms';
import { showToast } from '../../stores/toasts';
import { ReportLanguageAndSections } from './ReportLanguageAndSections';
import { pick } from './SaveReportDialog';

interface BudgetRow {
  label: string;
  kind: (typeof BUDGET_KINDS)[number];
  /** As typed; checked to be whole kronor before it is sent. */
  amount: string;
}

interface Values {
  lang: 'sv' | 'en';
  sections: ReportSection[];
  budget: BudgetRow[];
  notes: Record<ReportSection, string>;
}

const maxAmount = 1_000_000_000;
const maxLines = 50;
/** "12 500" as typed with a thousands space is 12500. */
const digits = (x: string) => x.replace(/\s/g, '');

const valuesOf = (r: SavedReport): Values => ({
  lang: r.lang,
  sections: r.sections,
  budget: r.budget.map((b) => ({ label: b.label, kind: b.kind, amount: String(b.amount) })),
  notes: Object.fromEntries(REPORT_SECTIONS.map((s) => [s, r.notes[s] ?? ''])) as Record<ReportSection, string>,
});

/** Server issues name "budget.2.amount" or "notes.groups": each lands on its own field. */
const placeIssue = (path: string): Path<Values> | null => {
  if (/^budget\.\d+\.(label|kind|amount)$/.test(path) || /^notes\.\w+$/.test(path)) return path as Path<Values>;
  const head = pathHead(path);
  return head === 'lang' || head === 'sections' ? head : null;
};

interface SavedReportEditorProps {
  report: SavedReport;
  /** The page's period and scope, saved with the rest. */
  settings: { from: string; to: string; unitIds: string[]; programmeIds: string[] };
  onSaved(report: SavedReport): void;
}

/**
 * The open saved report's own parts: its sections and language, the budget lines that give the
 * cost per started group and per completing parent, the summary and a note per section.
 */
export function SavedReportEditor({ report, settings, onSaved }: SavedReportEditorProps) {
  const { t } = useTranslation();
  const save = useApiMutation('savedReports.save');
  const { register, control, handleSubmit, setError, formState, reset, watch, setFocus } = useForm<Values>({ defaultValues: valuesOf(report) });
  const { fields, append, remove } = useFieldArray({ control, name: 'budget' });
  const issues = useServerIssues(setError, placeIssue);
  const errors = formState.errors;
  const chosen = watch('sections');

  useEffect(() => reset(valuesOf(report)), [report, reset]);

  const submit = handleSubmit((v) =>
    issues.run(async () => {
      const saved = await save.mutateAsync({
        ...pick(report),
        ...settings,
        lang: v.lang,
        sections: REPORT_SECTIONS.filter((s) => v.sections.includes(s)),
        budget: v.budget.map((b) => ({ label: b.label, kind: b.kind, amount: Number(digits(b.amount)) })),
        notes: Object.fromEntries(REPORT_SECTIONS.filter((s) => v.notes[s].trim() !== '').map((s) => [s, v.notes[s]])),
      });
      showToast(t('reports.saved.updated', { title: saved.title }));
      onSaved(saved);
    }),
  );

  return (
    <Panel id="saved-report-editor" title={t('reports.saved.editTitle', { title: report.title })} hint={t('reports.saved.editHint')}>
      <form className="form" noValidate aria-labelledby="saved-report-editor" onSubmit={(e) => void submit(e)}>
        <ErrorAlert error={save.error} extraIssues={issues.unmatched} quietOnFieldErrors />
        <ReportLanguageAndSections idPrefix="saved-edit" register={register} control={control} sectionsError={errors.sections?.message} />
        <fieldset className="fieldset">
          <legend className="field__label">{t('reports.budget.legend')}</legend>
          <p className="field__hint">{t('reports.budget.hint')}</p>
          {fields.map((field, i) => (
            <div key={field.id} className="budget-row">
              <InputField
                id={`budget-${i}-label`}
                label={t('reports.budget.label', { index: i + 1 })}
                required
                error={errors.budget?.[i]?.label?.message}
                type="text"
                autoComplete="off"
                maxLength={120}
                {...register(`budget.${i}.label`, { validate: (x) => x.trim() !== '' || 'validation.required' })}
              />
              <SelectField
                id={`budget-${i}-kind`}
                label={t('reports.budget.kind', { index: i + 1 })}
                options={BUDGET_KINDS.map((k) => ({ value: k, label: t(`reports.budget.kinds.${k}`) }))}
                {...register(`budget.${i}.kind`)}
              />
              <InputField
                id={`budget-${i}-amount`}
                label={t('reports.budget.amount', { index: i + 1 })}
                required
                error={errors.budget?.[i]?.amount?.message}
                type="text"
                inputMode="numeric"
                autoComplete="off"
                {...register(`budget.${i}.amount`, {
                  validate: (x) => (/^\d{1,10}$/.test(digits(x)) && Number(digits(x)) <= maxAmount) || 'reports.budget.amountInvalid',
                })}
              />
              <button
                type="button"
                className="button button--small button--link button--danger-text"
                onClick={() => {
                  remove(i);
                  if (fields.length > 1) setFocus(`budget.${Math.max(0, i - 1)}.label`);
                }}
              >
                {t('reports.budget.remove', { index: i + 1 })}
              </button>
            </div>
          ))}
          <button
            type="button"
            className="button button--small button--secondary"
            disabled={fields.length >= maxLines}
            onClick={() => append({ label: '', kind: 'cost', amount: '' })}
          >
            {t('reports.budget.add')}
          </button>
        </fieldset>
        {REPORT_SECTIONS.filter((s) => chosen.includes(s)).map((s) => (
          <TextAreaField
            key={s}
            id={`saved-note-${s}`}
            label={s === 'summary' ? t('reports.saved.summaryText') : t('reports.saved.note', { section: t(`reports.section.${s}`) })}
            error={errors.notes?.[s]?.message}
            rows={s === 'summary' ? 5 : 2}
            maxLength={4000}
            {...register(`notes.${s}`)}
          />
        ))}
        <FormActions saving={save.isPending} submitLabel={t('reports.saved.saveChanges')} />
      </form>
      <SavedReportCosts id={report.id} />
    </Panel>
  );
}

/** The cost figures as the core computes them from what is saved. */
function SavedReportCosts({ id }: { id: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const report = useApiQuery('savedReports.report', { id });
  const costs = report.data?.costs;
  if (!costs) return null;
  const kr = (n: number | null) => (n === null ? '–' : t('reports.budget.kronor', { amount: fmt.number(n) }));
  const perParent = costs.perCompletingParent;
  return (
    <dl className="details report-costs" aria-label={t('reports.budget.figures')}>
      {(
        [
          ['totalCost', kr(costs.totalCost)],
          ['totalIncome', kr(costs.totalIncome)],
          ['net', kr(costs.net)],
          ['perStartedGroup', kr(costs.perStartedGroup)],
          ['perCompletingParent', perParent.hidden === null ? kr(perParent.value) : t('reports.budget.hiddenPerParent')],
        ] as const
      ).map(([key, value]) => (
        <div key={key} className="details__row">
          <dt>{t(`reports.budget.figure.${key}`)}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
