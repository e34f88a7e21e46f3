import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useNavigate, useParams } from 'react-router-dom';
import type { FieldIssue, Programme } from '@contract';
import { AUDIENCES } from '@contract/enums';
import { useApiMutation, useApiQuery } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormField } from '../../components/FormField';
import { applyServerIssues, toNumberOrNull } from '../../lib/forms';
import { showToast } from '../../stores/toasts';
import { RulesEditor } from '../fidelity/RulesEditor';
import { SessionPlanEditor } from '../fidelity/SessionPlanEditor';
import { DropoutReasonsPage } from '../participants/DropoutReasonsPage';
import { FormActions, RegistryFormPage } from '../registry/RegistryFormPage';
import { RegistryList } from '../registry/RegistryList';

const audiences = AUDIENCES;
type Audience = (typeof audiences)[number];

export function ProgrammesPage() {
  return (
    <Routes>
      <Route index element={<ProgrammeList />} />
      <Route path="new" element={<ProgrammeFormRoute mode="create" />} />
      <Route path=":id/edit" element={<ProgrammeFormRoute mode="edit" />} />
      <Route path=":id/plan" element={<SessionPlanEditor />} />
      <Route path=":id/rules" element={<RulesEditor />} />
      <Route path="dropout-reasons" element={<DropoutReasonsPage />} />
    </Routes>
  );
}

function ageBand(p: Programme): string {
  if (p.childAgeMin == null && p.childAgeMax == null) return '–';
  return `${p.childAgeMin ?? ''}–${p.childAgeMax ?? ''}`;
}

function ProgrammeList() {
  const { t } = useTranslation();
  const programmes = useApiQuery('programmes.list', { includeArchived: true });
  return (
    <>
    <RegistryList
      kind="programmes"
      items={programmes.data}
      isPending={programmes.isPending}
      error={programmes.error}
      columns={[
        { header: t('programmes.code'), cell: (p) => p.code },
        { header: t('programmes.audience'), cell: (p) => t(`audience.${p.audience}`) },
        { header: t('programmes.sessions'), cell: (p) => t('programmes.sessionsCell', { count: p.sessionCount, minutes: p.sessionLengthMinutes }), className: 'nowrap' },
        { header: t('programmes.ageBand'), cell: ageBand },
        { header: t('programmes.groups'), cell: (p) => p.groupCount, className: 'num' },
        {
          header: t('programmeLinks.header'),
          cell: (p) => (
            <span className="row-actions">
              <Link to={`${p.id}/plan`} aria-label={t('plan.linkLabel', { name: p.name })}>{t('plan.link')}</Link>
              <Link to={`${p.id}/rules`} aria-label={t('rules.linkLabel', { name: p.name })}>{t('rules.link')}</Link>
              <Link to={`/leaders/requirements/${p.id}`} aria-label={t('requirements.linkLabel', { name: p.name })}>{t('requirements.link')}</Link>
            </span>
          ),
        },
      ]}
    />
    <p className="toolbar">
      <Link to="dropout-reasons">{t('reasons.link')}</Link>
    </p>
    </>
  );
}

function ProgrammeFormRoute({ mode }: { mode: 'create' | 'edit' }) {
  const { id } = useParams();
  const list = useApiQuery('programmes.list', { includeArchived: true }, { enabled: mode === 'edit' });
  return (
    <RegistryFormPage kind="programmes" mode={mode} id={id} items={list.data} isPending={list.isPending} error={list.error}>
      {(programme) => <ProgrammeForm programme={programme} />}
    </RegistryFormPage>
  );
}

interface ProgrammeValues {
  name: string;
  code: string;
  audience: Audience;
  sessionCount: string;
  sessionLengthMinutes: string;
  childAgeMin: string;
  childAgeMax: string;
}

const fields = ['name', 'code', 'audience', 'sessionCount', 'sessionLengthMinutes', 'childAgeMin', 'childAgeMax'] as const;
const str = (n: number | null | undefined) => (n == null ? '' : String(n));

function ProgrammeForm({ programme }: { programme: Programme | undefined }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useApiMutation('programmes.create');
  const update = useApiMutation('programmes.update');
  const mutation = programme ? update : create;
  const [unmatched, setUnmatched] = useState<FieldIssue[]>([]);
  const { register, handleSubmit, setError, formState } = useForm<ProgrammeValues>({
    defaultValues: {
      name: programme?.name ?? '',
      code: programme?.code ?? '',
      audience: programme?.audience ?? 'parents',
      sessionCount: str(programme?.sessionCount),
      sessionLengthMinutes: str(programme?.sessionLengthMinutes ?? 150),
      childAgeMin: str(programme?.childAgeMin),
      childAgeMax: str(programme?.childAgeMax),
    },
  });
  const errors = formState.errors;
  const submit = handleSubmit(async (v) => {
    setUnmatched([]);
    const input = {
      name: v.name,
      code: v.code,
      audience: v.audience,
      // Empty required numbers never reach here (client rule); NaN would be rejected by the server.
      sessionCount: toNumberOrNull(v.sessionCount) ?? Number.NaN,
      sessionLengthMinutes: toNumberOrNull(v.sessionLengthMinutes) ?? Number.NaN,
      childAgeMin: toNumberOrNull(v.childAgeMin),
      childAgeMax: toNumberOrNull(v.childAgeMax),
    };
    try {
      if (programme) await update.mutateAsync({ ...input, id: programme.id });
      else await create.mutateAsync(input);
      showToast(t(programme ? 'common.saved' : 'programmes.created', { name: v.name }));
      void navigate('/programmes');
    } catch (err) {
      setUnmatched(applyServerIssues(err, setError, fields));
    }
  });
  const required = { required: 'validation.required' };
  return (
    <form className="form" noValidate onSubmit={(e) => void submit(e)}>
      <p className="form__required-note">{t('form.requiredNote')}</p>
      <ErrorAlert error={mutation.error} extraIssues={unmatched} />
      <div className="form__grid">
        <FormField id="programme-name" label={t('registry.name')} required error={errors.name?.message} className="form__wide">
          {(p) => <input {...p} type="text" autoComplete="off" {...register('name', { validate: (x) => x.trim() !== '' || 'validation.nameRequired' })} />}
        </FormField>
        <FormField id="programme-code" label={t('programmes.code')} hint={t('programmes.codeHint')} required error={errors.code?.message}>
          {(p) => <input {...p} type="text" autoComplete="off" {...register('code', required)} />}
        </FormField>
        <FormField id="programme-audience" label={t('programmes.audience')} required error={errors.audience?.message}>
          {(p) => (
            <select {...p} {...register('audience', required)}>
              {audiences.map((a) => (
                <option key={a} value={a}>
                  {t(`audience.${a}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField id="programme-sessions" label={t('programmes.sessionCount')} required error={errors.sessionCount?.message}>
          {(p) => <input {...p} type="number" inputMode="numeric" min={1} max={60} {...register('sessionCount', required)} />}
        </FormField>
        <FormField id="programme-length" label={t('programmes.sessionLength')} required error={errors.sessionLengthMinutes?.message}>
          {(p) => <input {...p} type="number" inputMode="numeric" min={15} max={600} step={5} {...register('sessionLengthMinutes', required)} />}
        </FormField>
        <FormField id="programme-age-min" label={t('programmes.ageMin')} error={errors.childAgeMin?.message}>
          {(p) => <input {...p} type="number" inputMode="numeric" min={0} max={25} {...register('childAgeMin')} />}
        </FormField>
        <FormField id="programme-age-max" label={t('programmes.ageMax')} error={errors.childAgeMax?.message}>
          {(p) => <input {...p} type="number" inputMode="numeric" min={0} max={25} {...register('childAgeMax')} />}
        </FormField>
      </div>
      <FormActions saving={mutation.isPending} cancelTo="/programmes" submitLabel={programme ? undefined : t('programmes.createSubmit')} />
      {programme && (
        <p className="row-actions">
          <Link to={`/programmes/${programme.id}/plan`}>{t('plan.link')}</Link>
          <Link to={`/programmes/${programme.id}/rules`}>{t('rules.link')}</Link>
        </p>
      )}
    </form>
  );
}
