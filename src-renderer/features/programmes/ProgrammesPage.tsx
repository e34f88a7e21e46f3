import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, Route, useNavigate } from 'react-router-dom';
import type { Programme } from '@contract';
import { AUDIENCES } from '@contract/enums';
import { prefetchApiQuery, useApiMutation, useApiQuery } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormActions } from '../../components/FormActions';
import { InputField } from '../../components/InputField';
import { wholeList } from '../../components/RegistryList';
import { RegistryRoutes } from '../../components/RegistryRoutes';
import { SelectField } from '../../components/SelectField';
import { toNumberOrNull, useServerIssues } from '../../lib/forms';
import { showToast } from '../../stores/toasts';
import { RulesEditor } from '../fidelity/RulesEditor';
import { SessionPlanEditor } from '../fidelity/SessionPlanEditor';
import { DropoutReasonsPage } from '../participants/DropoutReasonsPage';
import { textLimits } from '@contract/limits';
import { draftOr, useKeepDraft } from '../../stores/drafts';

const audiences = AUDIENCES;
type Audience = (typeof audiences)[number];

/** The whole register, archived ones too: the list filters it on the page. */
const programmesInput = { includeArchived: true } as const;
export const prefetchProgrammes = () => void prefetchApiQuery('programmes.list', programmesInput);

export function ProgrammesPage() {
  const { t } = useTranslation();
  const programmes = useApiQuery('programmes.list', programmesInput);
  return (
    <RegistryRoutes
      kind="programmes"
      {...wholeList(programmes)}
      columns={[
        { key: 'code', header: t('programmes.code'), cell: (p) => p.code },
        { key: 'audience', header: t('programmes.audience'), cell: (p) => t(`audience.${p.audience}`) },
        {
          key: 'sessions',
          header: t('programmes.sessions'),
          cell: (p) => t('programmes.sessionsCell', { count: p.sessionCount, minutes: p.sessionLengthMinutes }),
          className: 'nowrap',
        },
        { key: 'ages', header: t('programmes.ageBand'), cell: ageBand },
        { key: 'groups', header: t('programmes.groups'), cell: (p) => p.groupCount, className: 'num' },
        {
          key: 'links',
          header: t('programmeLinks.header'),
          cell: (p) => (
            <span className="link-list">
              <Link to={`${p.id}/plan`} aria-label={t('plan.linkLabel', { name: p.name })}>
                {t('plan.link')}
              </Link>
              <Link to={`${p.id}/rules`} aria-label={t('rules.linkLabel', { name: p.name })}>
                {t('rules.link')}
              </Link>
              <Link to={`/leaders/requirements/${p.id}`} aria-label={t('requirements.linkLabel', { name: p.name })}>
                {t('requirements.link')}
              </Link>
            </span>
          ),
        },
      ]}
      listFooter={
        <p className="toolbar">
          <Link to="dropout-reasons">{t('reasons.link')}</Link>
        </p>
      }
      form={(programme) => <ProgrammeForm programme={programme} />}
    >
      <Route path=":id/plan" element={<SessionPlanEditor />} />
      <Route path=":id/rules" element={<RulesEditor />} />
      <Route path="dropout-reasons" element={<DropoutReasonsPage />} />
    </RegistryRoutes>
  );
}

function ageBand(p: Programme): string {
  if (p.childAgeMin == null && p.childAgeMax == null) return '–';
  return `${p.childAgeMin ?? ''}–${p.childAgeMax ?? ''}`;
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
  const draftKey = `programme-form:${programme?.id ?? 'new'}`;
  const { register, handleSubmit, setError, formState, watch } = useForm<ProgrammeValues>({
    defaultValues: draftOr<ProgrammeValues>(draftKey, {
      name: programme?.name ?? '',
      code: programme?.code ?? '',
      audience: programme?.audience ?? 'parents',
      sessionCount: str(programme?.sessionCount),
      sessionLengthMinutes: str(programme?.sessionLengthMinutes ?? 150),
      childAgeMin: str(programme?.childAgeMin),
      childAgeMax: str(programme?.childAgeMax),
    }),
  });
  useKeepDraft(draftKey, watch);
  const errors = formState.errors;
  const issues = useServerIssues(setError, fields);
  const submit = handleSubmit(async (v) => {
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
    await issues.run(async () => {
      if (programme) await update.mutateAsync({ ...input, id: programme.id });
      else await create.mutateAsync(input);
      showToast(t(programme ? 'common.saved' : 'programmes.created', { name: v.name }));
      void navigate('/programmes');
    });
  });
  const required = { required: 'validation.required' };
  return (
    <form className="form" noValidate onSubmit={(e) => void submit(e)}>
      <p className="form__required-note">{t('form.requiredNote')}</p>
      <ErrorAlert error={mutation.error} extraIssues={issues.unmatched} />
      <div className="form__grid">
        <InputField
          id="programme-name"
          label={t('registry.name')}
          required
          error={errors.name?.message}
          className="form__wide"
          type="text"
          autoComplete="off"
          maxLength={textLimits.name}
          {...register('name', { validate: (x) => x.trim() !== '' || 'validation.nameRequired' })}
        />
        <InputField
          id="programme-code"
          label={t('programmes.code')}
          hint={t('programmes.codeHint')}
          required
          error={errors.code?.message}
          type="text"
          autoComplete="off"
          maxLength={textLimits.programmeCode}
          {...register('code', required)}
        />
        <SelectField
          id="programme-audience"
          label={t('programmes.audience')}
          required
          error={errors.audience?.message}
          options={audiences.map((a) => ({ value: a, label: t(`audience.${a}`) }))}
          {...register('audience', required)}
        />
        <InputField
          id="programme-sessions"
          label={t('programmes.sessionCount')}
          required
          error={errors.sessionCount?.message}
          type="number"
          inputMode="numeric"
          min={1}
          max={60}
          {...register('sessionCount', required)}
        />
        <InputField
          id="programme-length"
          label={t('programmes.sessionLength')}
          required
          error={errors.sessionLengthMinutes?.message}
          type="number"
          inputMode="numeric"
          min={15}
          max={600}
          step={5}
          {...register('sessionLengthMinutes', required)}
        />
        <InputField
          id="programme-age-min"
          label={t('programmes.ageMin')}
          error={errors.childAgeMin?.message}
          type="number"
          inputMode="numeric"
          min={0}
          max={25}
          {...register('childAgeMin')}
        />
        <InputField
          id="programme-age-max"
          label={t('programmes.ageMax')}
          error={errors.childAgeMax?.message}
          type="number"
          inputMode="numeric"
          min={0}
          max={25}
          {...register('childAgeMax')}
        />
      </div>
      <FormActions saving={mutation.isPending} cancel="/programmes" submitLabel={programme ? undefined : t('programmes.createSubmit')} />
      {programme && (
        <p className="row-actions">
          <Link to={`/programmes/${programme.id}/plan`}>{t('plan.link')}</Link>
          <Link to={`/programmes/${programme.id}/rules`}>{t('rules.link')}</Link>
        </p>
      )}
    </form>
  );
}
