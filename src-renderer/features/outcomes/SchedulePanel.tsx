import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { RESPONDENTS } from '@contract/enums';
import { ApiError } from '../../api/errors';
import { useApiMutation, useApiQuery } from '../../api/queries';
import { Checkbox } from '../../components/Checkbox';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormActions } from '../../components/FormActions';
import { InputField } from '../../components/InputField';
import { Panel } from '../../components/Panel';
import { QueryState } from '../../components/QueryState';
import { RowButton } from '../../components/RowButton';
import { namedChoices, SelectField } from '../../components/SelectField';
import { encodeBilingual } from '../../lib/forms';
import { showToast } from '../../stores/toasts';
import { useTimepointLabel } from './labels';

/** Each programme's questionnaire schedule: which instrument, answered by whom, at which time point. */
export function SchedulePanel() {
  const { t } = useTranslation();
  const programmes = useApiQuery('programmes.list', {});
  const [programmeId, setProgrammeId] = useState('');
  return (
    <Panel id="library-schedule" title={t('outcomes.schedule.title')} hint={t('outcomes.schedule.hint')}>
      <SelectField
        id="schedule-programme"
        label={t('outcomes.schedule.programme')}
        placeholder={t('outcomes.schedule.choose')}
        options={namedChoices(programmes.data ?? [])}
        value={programmeId}
        onChange={(e) => setProgrammeId(e.target.value)}
      />
      {programmeId && <ProgrammeSchedule key={programmeId} programmeId={programmeId} />}
    </Panel>
  );
}

function ProgrammeSchedule({ programmeId }: { programmeId: string }) {
  const { t } = useTranslation();
  const timepointLabel = useTimepointLabel();
  const schedule = useApiQuery('outcomeSchedules.list', { programmeId });
  const remove = useApiMutation('outcomeSchedules.delete');
  return (
    <>
      <QueryState query={schedule} error={remove.error}>
        {(entries) => (
          <DataTable
            caption={t('outcomes.schedule.caption')}
            rows={entries}
            empty={<p className="empty-state">{t('outcomes.schedule.empty')}</p>}
            columns={[
              { key: 'instrument', header: t('outcomes.schedule.instrument'), rowHeader: true, cell: (s) => s.instrumentCode },
              { key: 'timepoint', header: t('outcomes.schedule.timepoint'), cell: (s) => timepointLabel(s.timepoint) },
              { key: 'respondent', header: t('outcomes.schedule.respondent'), cell: (s) => t(`outcomes.respondent.${s.respondent}`) },
              {
                key: 'window',
                header: t('outcomes.schedule.window'),
                cell: (s) => (s.windowDays === null ? '–' : t('outcomes.schedule.windowDays', { count: s.windowDays })),
              },
              {
                key: 'missed',
                header: t('outcomes.schedule.missedAfter'),
                cell: (s) => t('outcomes.schedule.windowDays', { count: s.missedAfterDays }),
              },
              {
                key: 'double',
                header: t('outcomes.schedule.doubleEntry'),
                cell: (s) => (s.doubleEntry ? t('outcomes.schedule.doubleEntryYes') : t('outcomes.schedule.doubleEntryNo')),
              },
              {
                key: 'remove',
                header: t('outcomes.schedule.remove'),
                hiddenHeader: true,
                cell: (s) => (
                  <RowButton
                    label={t('outcomes.schedule.remove')}
                    target={`${s.instrumentCode} ${timepointLabel(s.timepoint)}`}
                    variant="danger"
                    disabled={remove.isPending}
                    onClick={() =>
                      void remove
                        .mutateAsync({ id: s.id })
                        .then(() => showToast(t('outcomes.schedule.removed')))
                        .catch(() => undefined)
                    }
                  />
                ),
              },
            ]}
          />
        )}
      </QueryState>
      <AddScheduleForm programmeId={programmeId} />
    </>
  );
}

type Kind = 'pre' | 'post' | 'followup';

function AddScheduleForm({ programmeId }: { programmeId: string }) {
  const { t } = useTranslation();
  const instruments = useApiQuery('instruments.list', {});
  const add = useApiMutation('outcomeSchedules.add');
  const codes = [...new Set((instruments.data ?? []).map((i) => i.code))];
  const [instrumentCode, setInstrumentCode] = useState('');
  const [respondent, setRespondent] = useState<(typeof RESPONDENTS)[number]>('parent');
  const [kind, setKind] = useState<Kind>('pre');
  const [months, setMonths] = useState('6');
  const [windowDays, setWindowDays] = useState('30');
  const [missedAfterDays, setMissedAfterDays] = useState('90');
  const [doubleEntry, setDoubleEntry] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setErrors({});
    if (!instrumentCode) {
      setErrors({ instrumentCode: 'outcomes.schedule.chooseInstrument' });
      return;
    }
    const followup = kind === 'followup';
    try {
      await add.mutateAsync({
        programmeId,
        instrumentCode,
        respondent,
        timepoint: followup ? `fu${months.trim()}` : kind,
        windowDays: followup ? Number(windowDays) : null,
        missedAfterDays: Number(missedAfterDays),
        doubleEntry,
      });
      showToast(t('outcomes.schedule.added'));
    } catch (err) {
      if (err instanceof ApiError)
        setErrors(Object.fromEntries(err.issues.map((i) => [i.path === 'timepoint' && followup ? 'months' : i.path, encodeBilingual(i.message)])));
    }
  };

  const placed = new Set(['instrumentCode', 'respondent', 'timepoint', 'months', 'windowDays', 'missedAfterDays']);
  const unplaced =
    add.error instanceof ApiError ? add.error.issues.filter((i) => !placed.has(i.path === 'timepoint' && kind === 'followup' ? 'months' : i.path)) : [];
  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="schedule-add-title">
      <h3 id="schedule-add-title">{t('outcomes.schedule.addTitle')}</h3>
      <div className="inline-form__fields">
        <SelectField
          id="schedule-instrument"
          label={t('outcomes.schedule.instrument')}
          placeholder={t('outcomes.schedule.chooseInstrument')}
          required
          options={codes.map((c) => ({ value: c, label: c }))}
          value={instrumentCode}
          error={errors.instrumentCode}
          onChange={(e) => setInstrumentCode(e.target.value)}
        />
        <SelectField
          id="schedule-respondent"
          label={t('outcomes.schedule.respondent')}
          options={RESPONDENTS.map((r) => ({ value: r, label: t(`outcomes.respondent.${r}`) }))}
          value={respondent}
          error={errors.respondent}
          onChange={(e) => setRespondent(e.target.value as (typeof RESPONDENTS)[number])}
        />
        <SelectField
          id="schedule-kind"
          label={t('outcomes.schedule.kind')}
          options={[
            { value: 'pre', label: t('outcomes.timepoint.pre') },
            { value: 'post', label: t('outcomes.timepoint.post') },
            { value: 'followup', label: t('outcomes.timepoint.followup', { months: 'N' }) },
          ]}
          value={kind}
          error={kind === 'followup' ? undefined : errors.timepoint}
          onChange={(e) => setKind(e.target.value as Kind)}
        />
        {kind === 'followup' && (
          <>
            <InputField
              id="schedule-months"
              className="field--narrow"
              label={t('outcomes.schedule.months')}
              inputMode="numeric"
              value={months}
              error={errors.months}
              onChange={(e) => setMonths(e.target.value)}
            />
            <InputField
              id="schedule-window"
              className="field--narrow"
              label={t('outcomes.schedule.windowField')}
              inputMode="numeric"
              value={windowDays}
              error={errors.windowDays}
              onChange={(e) => setWindowDays(e.target.value)}
            />
          </>
        )}
        <InputField
          id="schedule-missed-after"
          className="field--narrow"
          label={t('outcomes.schedule.missedAfterField')}
          hint={t('outcomes.schedule.missedAfterHint')}
          inputMode="numeric"
          value={missedAfterDays}
          error={errors.missedAfterDays}
          onChange={(e) => setMissedAfterDays(e.target.value)}
        />
        <Checkbox
          id="schedule-double-entry"
          label={t('outcomes.schedule.doubleEntryField')}
          checked={doubleEntry}
          onChange={(e) => setDoubleEntry(e.target.checked)}
        />
      </div>
      <p className="field__hint">{t('outcomes.schedule.doubleEntryHint')}</p>
      <ErrorAlert error={add.error} extraIssues={unplaced} quietOnFieldErrors={unplaced.length === 0} />
      <FormActions layout="inline" saving={add.isPending} submitLabel={t('outcomes.schedule.add')} />
    </form>
  );
}
