import { useFieldArray, useForm, type Path } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useApiMutation, useApiQuery } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormActions } from '../../components/FormActions';
import { InputField, TextAreaField } from '../../components/InputField';
import { PageHeader } from '../../components/PageHeader';
import { namedChoices, SelectField } from '../../components/SelectField';
import { useServerIssues } from '../../lib/forms';
import { showToast } from '../../stores/toasts';
import { textLimits } from '@contract/limits';
import { draftOr, useKeepDraft } from '../../stores/drafts';

interface CourseValues {
  programmeId: string;
  title: string;
  trainerStaffId: string;
  trainerName: string;
  dates: { value: string }[];
  note: string;
}

const plainFields: readonly string[] = ['programmeId', 'title', 'trainerStaffId', 'trainerName', 'note'];

/** "dates.2" is the third day's field; a whole-list issue (a duplicate day) goes on the first. */
function placeIssue(path: string): Path<CourseValues> | null {
  const [head = '', index] = path.split('.');
  if (head === 'dates') return `dates.${Number(index ?? 0)}.value`;
  return plainFields.includes(head) ? (head as Path<CourseValues>) : null;
}

export function CourseFormPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const programmes = useApiQuery('programmes.list', {});
  const staff = useApiQuery('staff.list', {});
  const create = useApiMutation('courses.create');
  const draftKey = 'course-form:new';
  const { register, control, handleSubmit, setError, formState, watch } = useForm<CourseValues>({
    defaultValues: draftOr<CourseValues>(draftKey, { programmeId: '', title: '', trainerStaffId: '', trainerName: '', dates: [{ value: '' }], note: '' }),
  });
  useKeepDraft(draftKey, watch);
  const dates = useFieldArray({ control, name: 'dates' });
  const errors = formState.errors;
  const issues = useServerIssues(setError, placeIssue);

  const submit = handleSubmit((v) =>
    issues.run(async () => {
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
    }),
  );

  const required = { required: 'validation.required' };
  return (
    <>
      <PageHeader title={t('courses.createTitle')} back={<Link to="/courses">← {t('courses.back')}</Link>} />
      <form className="form" noValidate onSubmit={(e) => void submit(e)}>
        <p className="form__required-note">{t('form.requiredNote')}</p>
        <ErrorAlert error={create.error ?? programmes.error ?? staff.error} extraIssues={issues.unmatched} />
        <div className="form__grid">
          <SelectField
            id="course-programme"
            label={t('courses.programme')}
            required
            error={errors.programmeId?.message}
            placeholder={t('form.choose')}
            options={namedChoices(programmes.data ?? [])}
            {...register('programmeId', required)}
          />
          <InputField
            id="course-title"
            label={t('courses.courseTitle')}
            required
            error={errors.title?.message}
            type="text"
            autoComplete="off"
            maxLength={textLimits.courseTitle}
            {...register('title', { validate: (x) => x.trim() !== '' || 'validation.nameRequired' })}
          />
          <SelectField
            id="course-trainer"
            label={t('courses.trainerStaff')}
            error={errors.trainerStaffId?.message}
            placeholder={t('courses.trainerExternal')}
            options={namedChoices(staff.data ?? [])}
            {...register('trainerStaffId')}
          />
          <InputField
            id="course-trainer-name"
            label={t('courses.trainerName')}
            hint={t('courses.trainerNameHint')}
            error={errors.trainerName?.message}
            type="text"
            autoComplete="off"
            maxLength={textLimits.trainerName}
            {...register('trainerName')}
          />
        </div>
        <fieldset className="fieldset">
          <legend className="field__label">
            {t('courses.dates')}
            <span className="field__required" aria-hidden="true">
              {' '}
              *
            </span>
          </legend>
          {errors.dates?.root?.message || errors.dates?.message ? <p className="field__error">{t('courses.datesInvalid')}</p> : null}
          {dates.fields.map((row, i) => (
            <div key={row.id} className="inline-form__fields">
              <InputField
                id={`course-date-${row.id}`}
                label={t('courses.day', { n: i + 1 })}
                required
                error={errors.dates?.[i]?.value?.message}
                type="date"
                {...register(`dates.${i}.value`, required)}
              />
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
        <TextAreaField
          id="course-note"
          label={t('courses.note')}
          error={errors.note?.message}
          rows={2}
          maxLength={textLimits.courseNote}
          {...register('note')}
        />
        <FormActions saving={create.isPending} submitLabel={t('courses.createSubmit')} cancel="/courses" />
      </form>
    </>
  );
}
