import { useEffect, useState, type ReactNode } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { GroupOverview, ProcedureOutput, Session } from '@contract';
import { useApiMutation, useApiQuery } from '../../api/queries';
import { Checkbox } from '../../components/Checkbox';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormActions } from '../../components/FormActions';
import { InputField, TextAreaField } from '../../components/InputField';
import { PageHeader } from '../../components/PageHeader';
import { Panel } from '../../components/Panel';
import { PendingPage } from '../../components/QueryState';
import { useBilingual } from '../../i18n/useBilingual';
import { todayIso } from '../../lib/dates';
import { useFormat } from '../../lib/format';
import { toNumberOrNull, useServerIssues } from '../../lib/forms';
import { showToast } from '../../stores/toasts';
import { AttendanceChoices } from './AttendanceChoices';
import './record.css';
import { textLimits } from '@contract/limits';

const sections = [
  { id: 'record-attendance', key: 'record.attendance' },
  { id: 'record-fidelity', key: 'record.fidelity' },
  { id: 'record-notes', key: 'record.notes' },
] as const;

interface Values {
  heldDate: string;
  participantCount: string;
  note: string;
}

/**
 * Recording a session after it was run, top to bottom on one page: attendance, then what of the
 * plan was covered, then notes, and one "Spara som genomförd" that records the session held.
 */
export function RecordSessionPage() {
  const { t } = useTranslation();
  const { id = '', sessionId = '' } = useParams();
  const group = useApiQuery('groups.get', { id });
  const overview = useApiQuery('groups.overview', { id });
  const fidelity = useApiQuery('fidelity.get', { sessionId });
  const back = <Link to={`/groups/${id}`}>← {t('record.backToGroup')}</Link>;
  const g = group.data;
  const o = overview.data;
  const f = fidelity.data;
  if (!g || !o || !f) return <PendingPage title={t('record.pageTitle')} back={back} query={!g ? group : !o ? overview : fidelity} />;
  const session = g.sessions.find((s) => s.id === sessionId);
  if (!session) {
    return (
      <>
        <PageHeader title={t('record.pageTitle')} back={back} />
        <p role="alert">{t('record.notFound')}</p>
      </>
    );
  }
  return (
    <RecordSessionForm key={session.id} groupId={id} groupName={`${g.programmeName} – ${g.unitName}`} session={session} overview={o} plan={f} back={back} />
  );
}

interface Props {
  groupId: string;
  groupName: string;
  session: Session;
  overview: GroupOverview;
  plan: ProcedureOutput<'fidelity.get'>;
  back: ReactNode;
}

function RecordSessionForm({ groupId, groupName, session, overview, plan, back }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const pick = useBilingual();
  const navigate = useNavigate();
  const record = useApiMutation('sessions.record');
  const today = todayIso();
  const happened = session.plannedDate <= today;
  const tracks = overview.tracksAttendance;
  const [covered, setCovered] = useState<Set<string>>(() => new Set(plan.components.filter((c) => c.covered).map((c) => c.key)));
  const { register, handleSubmit, setError, formState } = useForm<Values>({
    defaultValues: {
      // Never a date that has not come yet: the save would refuse it.
      heldDate: session.heldDate ?? (happened ? session.plannedDate : ''),
      participantCount: session.participantCount == null ? '' : String(session.participantCount),
      note: plan.note,
    },
  });
  const issues = useServerIssues(setError, ['heldDate', 'participantCount', 'note']);
  const title = t('record.title', { number: session.number });
  // A plan whose title is just "Träff 7" would otherwise read "Träff 7: Träff 7".
  const planTitle = plan.title && plan.title !== t('fidelity.sessionName', { number: session.number }) ? plan.title : '';

  const submit = handleSubmit((v) =>
    issues.run(async () => {
      // One call, one transaction: the session is never left held without the fidelity typed with it.
      const withFidelity = covered.size > 0 || v.note.trim() !== '' || plan.recorded;
      await record.mutateAsync({
        id: session.id,
        status: 'held',
        heldDate: v.heldDate,
        participantCount: tracks ? null : (toNumberOrNull(v.participantCount) ?? Number.NaN),
        ...(withFidelity ? { fidelity: { covered: [...covered], note: v.note } } : {}),
      });
      showToast(t('record.saved', { number: session.number }));
      void navigate(`/groups/${groupId}`);
    }),
  );

  // The heading shown while loading had focus and is gone; give it to this page's heading instead.
  useEffect(() => {
    if (!document.activeElement || document.activeElement === document.body) document.querySelector<HTMLElement>('main h1')?.focus();
  }, []);

  const jump = (target: string) => document.getElementById(`${target}-title`)?.focus();

  return (
    <>
      <PageHeader title={title} back={back} subtitle={`${groupName} · ${fmt.date(session.plannedDate)}${planTitle ? ` · ${planTitle}` : ''}`} />
      <nav aria-label={t('record.jumpTo')} className="record-jumps">
        <ul>
          {sections.map((s) => (
            <li key={s.id}>
              <button type="button" className="button button--link" onClick={() => jump(s.id)}>
                {t(s.key)}
              </button>
            </li>
          ))}
        </ul>
      </nav>

      <Panel id="record-attendance-title" focusableHeading title={t('record.attendance')}>
        {!happened ? (
          <p className="panel__hint">{t('record.notYet', { date: fmt.date(session.plannedDate) })}</p>
        ) : tracks ? (
          <AttendanceChoices overview={overview} sessionId={session.id} sessionDate={session.plannedDate} number={session.number} />
        ) : (
          <p className="panel__hint">{t('record.countsOnly')}</p>
        )}
      </Panel>

      <form noValidate aria-label={title} onSubmit={(e) => void submit(e)} className="record-form">
        <Panel id="record-fidelity-title" focusableHeading title={t('record.fidelity')}>
          <fieldset className="fieldset">
            <legend className="field__label">{t('fidelity.components')}</legend>
            <div className="checkbox-list">
              {plan.components.map((c) => (
                <Checkbox
                  key={c.key}
                  label={pick({ sv: c.sv, en: c.en || c.sv })}
                  checked={covered.has(c.key)}
                  onChange={(e) => {
                    const next = new Set(covered);
                    if (e.target.checked) next.add(c.key);
                    else next.delete(c.key);
                    setCovered(next);
                  }}
                />
              ))}
            </div>
            <p className="field__hint" aria-live="polite">
              {t('fidelity.share', {
                covered: covered.size,
                total: plan.components.length,
                percent: plan.components.length ? Math.round((covered.size * 100) / plan.components.length) : 0,
              })}
            </p>
          </fieldset>
        </Panel>

        <Panel id="record-notes-title" focusableHeading title={t('record.notes')}>
          <TextAreaField
            id="record-note"
            label={t('fidelity.note')}
            hint={t('fidelity.noteHint')}
            error={formState.errors.note?.message}
            rows={3}
            maxLength={textLimits.fidelityNote}
            {...register('note')}
          />
          <div className="form__grid">
            <InputField
              id="record-held-date"
              label={t('sessions.heldDate')}
              required
              error={formState.errors.heldDate?.message}
              type="date"
              max={today}
              {...register('heldDate', { required: 'validation.required' })}
            />
            {!tracks && (
              <InputField
                id="record-count"
                label={t('sessions.participantCount')}
                required
                error={formState.errors.participantCount?.message}
                className="field--narrow"
                type="number"
                inputMode="numeric"
                min={0}
                max={99}
                step={1}
                {...register('participantCount', { required: 'validation.required' })}
              />
            )}
          </div>
          <ErrorAlert error={record.error} extraIssues={issues.unmatched} quietOnFieldErrors />
          <FormActions saving={record.isPending} submitLabel={t('record.saveHeld')} cancel={`/groups/${groupId}`} />
        </Panel>
      </form>
    </>
  );
}
