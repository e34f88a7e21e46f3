import { useState } from 'react';
import { useFieldArray, useForm, type Path } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { FieldIssue } from '@contract';
import { ApiError } from '../../api/errors';
import { useApiMutation, useApiQuery } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormField } from '../../components/FormField';
import { PageHeader } from '../../components/PageHeader';
import { encodeBilingual } from '../../lib/forms';
import { showToast } from '../../stores/toasts';

interface CourseValues {
  programmeId: string;
  title: string;
  trainerStaffId: string;
  trainerName: string;
  dates: { value: string }[];
  note: string;
}

const plainFields = ['programmeId', 'title', 'trainerStaffId', 'trainerName', 'note'] as const;

export function CourseFormPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const programmes = useApiQuery('programmes.list', {});
  const staff = useApiQuery('staff.list', {});
  const create = useApiMutation('courses.create');
  const [unmatched, setUnmatched] = useState<FieldIssue[]>([]);
  const { register, control, handleSubmit, setError, formState } = useForm<CourseValues>({
    defaultValues: { programmeId: '', title: '', trainerStaffId: '', trainerName: '', dates: [{ value: '' }], note: '' },
  });
  const dates = useFieldArray({ control, name: 'dates' });
  const errors = formState.errors;

  const submit = handleSubmit(async (v) => {
    setUnmatched([]);
    try {
      const course = await create.mutateAsync({
        programmeId: v.programmeId,
        title: v.title,
        trainerStaffId: v.trainerStaffId || null,
        trainerName: v.trainerStaffId ? '' : v.trainerName,
        dates: v.dates.map((d) => d.value),
        note: v.note,
      });
      showToast(t('courses.created', { title: course.title }));
      void navigate(`/courses/${course.id}`);
    } catch (err) {
      setUnmatched(placeIssues(err, setError));
    }
  });

  const required = { required: 'validation.required' };
  return (
    <>
      <PageHeader title={t('courses.createTitle')} back={<Link to="/courses">← {t('courses.back')}</Link>} />
      <form className="form" noValidate onSubmit={(e) => void submit(e)}>
        <p className="form__required-note">{t('form.requiredNote')}</p>
        <ErrorAlert error={create.error ?? programmes.error ?? staff.error} extraIssues={unmatched} />
        <div className="form__grid">
          <FormField id="course-programme" label={t('courses.programme')} required error={errors.programmeId?.message}>
            {(p) => (
              <select {...p} {...register('programmeId', required)}>
                <option value="">{t('form.choose')}</option>
                {(programmes.data ?? []).map((x) => (
                  <option key={x.id} value={x.id}>
                    {x.name}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <FormField id="course-title" label={t('courses.courseTitle')} required error={errors.title?.message}>
            {(p) => <input {...p} type="text" autoComplete="off" {...register('title', { validate: (x) => x.trim() !== '' || 'validation.nameRequired' })} />}
          </FormField>
          <FormField id="course-trainer" label={t('courses.trainerStaff')} error={errors.trainerStaffId?.message}>
            {(p) => (
              <select {...p} {...register('trainerStaffId')}>
                <option value="">{t('courses.trainerExternal')}</option>
                {(staff.data ?? []).map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <FormField id="course-trainer-name" label={t('courses.trainerName')} hint={t('courses.trainerNameHint')} error={errors.trainerName?.message}>
            {(p) => <input {...p} type="text" autoComplete="off" {...register('trainerName')} />}
          </FormField>
        </div>
        <fieldset className="fieldset">
          <legend className="field__label">
            {t('courses.dates')}
            <span className="field__required" aria-hidden="true">
              {' '}*
            </span>
          </legend>
          {errors.dates?.root?.message || errors.dates?.message ? (
            <p className="field__error">{t('courses.datesInvalid')}</p>
          ) : null}
          {dates.fields.map((row, i) => (
            <div key={row.id} className="inline-form__fields">
              <FormField id={`course-date-${row.id}`} label={t('courses.day', { n: i + 1 })} required error={errors.dates?.[i]?.value?.message}>
                {(p) => <input {...p} type="date" {...register(`dates.${i}.value`, required)} />}
              </FormField>
              {dates.fields.length > 1 && (
                <button type="button" className="button button--link button--danger-text add-session__remove" onClick={() => dates.remove(i)}>
                  {t('courses.removeDay', { n: i + 1 })}
                </button>
              )}
            </div>
          ))}
          <button type="button" className="button button--secondary" onClick={() => dates.append({ value: '' })}>
            {t('courses.addDay')}
          </button>
        </fieldset>
        <FormField id="course-note" label={t('courses.note')} error={errors.note?.message}>
          {(p) => <textarea {...p} rows={2} {...register('note')} />}
        </FormField>
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={create.isPending}>
            {create.isPending ? t('common.saving') : t('courses.createSubmit')}
          </button>
          <Link to="/courses" className="button button--secondary">
            {t('common.cancel')}
          </Link>
        </div>
      </form>
    </>
  );
}

/** "dates.2" is the third day's field; a whole-list issue (a duplicate day) goes on the first. */
function placeIssues(err: unknown, setError: (name: Path<CourseValues>, e: { type: string; message: string }, o?: { shouldFocus: boolean }) => void): FieldIssue[] {
  if (!(err instanceof ApiError)) return [];
  const unmatched: FieldIssue[] = [];
  let focused = false;
  for (const issue of err.issues) {
    const [head = '', index] = issue.path.split('.');
    const name = head === 'dates' ? `dates.${index ?? 0}.value` : (plainFields as readonly string[]).includes(head) ? head : null;
    if (!name) {
      unmatched.push(issue);
      continue;
    }
    setError(name as Path<CourseValues>, { type: 'server', message: encodeBilingual(issue.message) }, { shouldFocus: !focused });
    focused = true;
  }
  return unmatched;
}
