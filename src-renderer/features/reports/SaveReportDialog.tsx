import { useEffect, useId, useRef } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { ReportSection, SavedReport } from '@contract';
import { REPORT_SECTIONS } from '@contract/enums';
import { useApiMutation } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormActions } from '../../components/FormActions';
import { InputField } from '../../components/InputField';
import { useServerIssues } from '../../lib/forms';
import { showToast } from '../../stores/toasts';
import { ReportLanguageAndSections } from './ReportLanguageAndSections';

interface Values {
  title: string;
  lang: 'sv' | 'en';
  sections: ReportSection[];
}

interface SaveReportDialogProps {
  /** new: the page's current period and scope under a title; rename: a saved report's new title. */
  mode: 'new' | 'rename' | null;
  /** The saved report to rename. */
  report?: SavedReport | null | undefined;
  settings: { from: string; to: string; unitIds: string[]; programmeIds: string[] };
  onSaved(report: SavedReport): void;
  onClose(): void;
}

const fields = ['title', 'lang', 'sections'] as const;

/** Saves the page's settings as a report with a title, a language and its sections, or renames one. */
export function SaveReportDialog({ mode, report, settings, onSaved, onClose }: SaveReportDialogProps) {
  const { t, i18n } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  const titleId = useId();
  const save = useApiMutation('savedReports.save');
  const defaults = (): Values => ({
    title: mode === 'rename' ? (report?.title ?? '') : '',
    lang: i18n.language === 'en' ? 'en' : 'sv',
    sections: [...REPORT_SECTIONS],
  });
  const { register, handleSubmit, setError, formState, reset, control } = useForm<Values>({ defaultValues: defaults() });
  const issues = useServerIssues(setError, fields);
  const open = mode !== null;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      reset(defaults());
      save.reset();
      issues.clear();
      dialog.showModal();
      dialog.querySelector<HTMLElement>('input')?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
      if (returnTo.current?.isConnected) returnTo.current.focus();
    }
    // Reset only when the dialog opens: the form keeps what was typed while it is open.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  const submit = handleSubmit((v) =>
    issues.run(async () => {
      const saved =
        mode === 'rename' && report
          ? await save.mutateAsync({ ...pick(report), title: v.title })
          : await save.mutateAsync({ ...settings, title: v.title, lang: v.lang, sections: REPORT_SECTIONS.filter((s) => v.sections.includes(s)) });
      showToast(t(mode === 'rename' ? 'reports.saved.renamed' : 'reports.saved.created', { title: saved.title }));
      onSaved(saved);
    }),
  );

  return (
    <dialog
      ref={ref}
      className="dialog dialog--wide"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        if (!save.isPending) onClose();
      }}
    >
      <h2 id={titleId} className="dialog__title">
        {t(mode === 'rename' ? 'reports.saved.renameTitle' : 'reports.saved.saveTitle')}
      </h2>
      {open && (
        <form noValidate onSubmit={(e) => void submit(e)}>
          <p className="form__required-note">{t('form.requiredNote')}</p>
          <ErrorAlert error={save.error} extraIssues={issues.unmatched} quietOnFieldErrors />
          <InputField
            id="saved-title"
            label={t('reports.saved.title')}
            required
            error={formState.errors.title?.message}
            type="text"
            autoComplete="off"
            maxLength={200}
            {...register('title', { validate: (x) => x.trim() !== '' || 'validation.required' })}
          />
          {mode === 'new' && (
            <ReportLanguageAndSections idPrefix="saved" register={register} control={control} sectionsError={formState.errors.sections?.message} />
          )}
          <FormActions layout="dialog" saving={save.isPending} cancel={onClose} />
        </form>
      )}
    </dialog>
  );
}

/** A saved report as the save procedure takes it back. */
export const pick = (r: SavedReport) => ({
  id: r.id,
  title: r.title,
  lang: r.lang,
  from: r.from,
  to: r.to,
  unitIds: r.unitIds,
  programmeIds: r.programmeIds,
  sections: r.sections,
  budget: r.budget,
  notes: r.notes,
});
