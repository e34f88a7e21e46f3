import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { Bilingual, EntryStateValue, FieldIssue, InstrumentDetail, ProcedureOutput } from '@contract';
import { ApiError } from '../../api/errors';
import { useApiMutation, useApiQuery } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormActions } from '../../components/FormActions';
import { InputField } from '../../components/InputField';
import { PageHeader } from '../../components/PageHeader';
import { Panel } from '../../components/Panel';
import { PendingPage } from '../../components/QueryState';
import { i18n } from '../../i18n';
import { useBilingual } from '../../i18n/useBilingual';
import { todayIso } from '../../lib/dates';
import { encodeBilingual } from '../../lib/forms';
import { showToast } from '../../stores/toasts';
import { useVault } from '../../stores/vault';
import { answerOf, keyOutcome } from './entry-keys';
import { useTimepointLabel } from './labels';
import { ReconcileForm } from './ReconcileForm';
import { ScoreTable } from './ScoreTable';
import './outcomes.css';

export type Recorded = ProcedureOutput<'responses.record'>;

/** A message in both languages, so a field error follows a later change of language. */
export const bothLanguages = (key: string, values: Record<string, unknown>): Bilingual => ({
  sv: i18n.getFixedT('sv')(key, values),
  en: i18n.getFixedT('en')(key, values),
});

export function EntryPage() {
  const { t } = useTranslation();
  const { participantId = '', instrument = '', timepoint = '' } = useParams();
  const definition = useApiQuery('instruments.get', { code: instrument });
  const participant = useApiQuery('participants.get', { id: participantId });
  const entryState = useApiQuery('responses.entryState', { participantId, instrument, timepoint });
  const timepointLabel = useTimepointLabel();
  const back = <Link to="/outcomes">← {t('outcomes.entry.back')}</Link>;
  const title = t('outcomes.entry.title', { instrument });

  if (!definition.data || !participant.data || !entryState.data) {
    return <PendingPage title={title} back={back} query={!definition.data ? definition : !participant.data ? participant : entryState} />;
  }
  return (
    <>
      <PageHeader
        title={title}
        back={back}
        subtitle={t('outcomes.entry.subtitle', { name: participant.data.displayName, timepoint: timepointLabel(timepoint) })}
      />
      <EntrySteps
        key={`${participantId}|${instrument}|${timepoint}`}
        definition={definition.data}
        participantId={participantId}
        name={participant.data.displayName}
        timepoint={timepoint}
        state={entryState.data}
      />
    </>
  );
}

/**
 * A form entered once goes straight to its scores. One entered twice shows, in turn: the first
 * typing, a wait for someone else's typing, the second typing, and the differences to reconcile.
 */
function EntrySteps({ state, ...props }: Omit<EntryFormProps, 'double' | 'onSaved'> & { state: EntryStateValue }) {
  const { t } = useTranslation();
  const [saved, setSaved] = useState<Recorded | null>(null);
  if (saved) {
    return (
      <Panel id="entry-scores" title={t('outcomes.entry.scores')} focusableHeading>
        <p role="status">{t('outcomes.entry.savedSummary', { name: props.name })}</p>
        <ScoreTable definition={props.definition} scores={saved.scores} />
        <p>
          <Link to="/outcomes" className="button button--primary">
            {t('outcomes.entry.again')}
          </Link>
        </p>
      </Panel>
    );
  }
  if (!state.doubleEntry) return <EntryForm {...props} double={null} onSaved={setSaved} />;
  if (state.differences) return <ReconcileForm {...props} differences={state.differences} onSaved={setSaved} />;
  const [first] = state.entries;
  if (first?.mine) {
    return (
      <Panel id="entry-waiting" title={t('outcomes.double.waitingTitle')} focusableHeading>
        <p role="status">{t('outcomes.double.mineWaiting', { date: first.date })}</p>
        <p>
          <Link to="/outcomes" className="button button--primary">
            {t('outcomes.entry.again')}
          </Link>
        </p>
      </Panel>
    );
  }
  return <EntryForm {...props} double={{ firstBy: first?.enteredBy ?? null }} onSaved={setSaved} />;
}

interface EntryFormProps {
  definition: InstrumentDetail;
  participantId: string;
  name: string;
  timepoint: string;
  /** Set when the form is typed twice: who made the first typing, if it is in. */
  double: { firstBy: string | null } | null;
  onSaved(recorded: Recorded): void;
}

function EntryForm({ definition, participantId, name, timepoint, double, onSaved }: EntryFormProps) {
  const { t } = useTranslation();
  const pick = useBilingual();
  const navigate = useNavigate();
  const userName = useVault((s) => s.status?.userName ?? '');
  const recordOnce = useApiMutation('responses.record');
  const enter = useApiMutation('responses.enter');
  const record = double ? enter : recordOnce;
  const mark = useApiMutation('outcomes.setStatus');
  const [texts, setTexts] = useState<string[]>(() => definition.items.map(() => ''));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [date, setDate] = useState(todayIso());
  const [enteredBy, setEnteredBy] = useState(userName);
  const [unplaced, setUnplaced] = useState<FieldIssue[]>([]);
  const [refusal, setRefusal] = useState('');
  const inputs = useRef<(HTMLInputElement | null)[]>([]);
  const saveButton = useRef<HTMLDivElement>(null);
  const items = definition.items;

  const focusItem = (index: number) => {
    if (index >= items.length) {
      saveButton.current?.querySelector<HTMLButtonElement>('button[type="submit"]')?.focus();
      return;
    }
    const input = inputs.current[Math.max(0, index)];
    input?.focus();
    input?.select();
  };

  const setText = (index: number, text: string) => {
    setTexts((old) => old.map((v, i) => (i === index ? text : v)));
    const code = items[index]!.code;
    setErrors(({ [`answers.${code}`]: _dropped, ...rest }) => rest);
  };

  const refuse = (index: number) => {
    const item = items[index]!;
    const message = bothLanguages('outcomes.entry.outOfRange', { min: item.min, max: item.max });
    setErrors((old) => ({ ...old, [`answers.${item.code}`]: encodeBilingual(message) }));
    setRefusal(`${item.code}: ${pick(message)}`);
  };

  const onKeyDown = (index: number) => (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.ctrlKey || e.metaKey || e.altKey || e.key === 'Tab') return;
    const el = e.currentTarget;
    const selectedAll = el.value.length > 0 && el.selectionStart === 0 && el.selectionEnd === el.value.length;
    const outcome = keyOutcome(e.key, el.value, selectedAll, items[index]!);
    if (outcome.kind === 'default') return;
    e.preventDefault();
    switch (outcome.kind) {
      case 'set':
        setText(index, outcome.text);
        setRefusal('');
        if (outcome.advance) focusItem(index + 1);
        return;
      case 'refuse':
        refuse(index);
        return;
      case 'next':
        focusItem(index + 1);
        return;
      case 'previous':
        if (index > 0) focusItem(index - 1);
        return;
      case 'clear':
        setText(index, '');
        return;
    }
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setUnplaced([]);
    const answers: Record<string, number | null> = {};
    const invalid: Record<string, string> = {};
    items.forEach((item, i) => {
      const value = answerOf(texts[i]!, item);
      if (value === 'invalid') invalid[`answers.${item.code}`] = encodeBilingual(bothLanguages('outcomes.entry.outOfRange', { min: item.min, max: item.max }));
      else answers[item.code] = value;
    });
    if (Object.keys(invalid).length) {
      setErrors(invalid);
      focusItem(items.findIndex((item) => invalid[`answers.${item.code}`]));
      return;
    }
    const input = { participantId, instrument: definition.code, version: definition.version, timepoint, date, enteredBy, answers };
    try {
      if (!double) {
        onSaved(await recordOnce.mutateAsync(input));
        showToast(t('outcomes.entry.saved'));
        return;
      }
      // The page follows the stored typings: a wait, the differences, or the agreed response.
      const outcome = await enter.mutateAsync(input);
      setErrors({});
      if (outcome.state === 'recorded') {
        onSaved(outcome.recorded);
        showToast(t('outcomes.double.agreed'));
      } else showToast(t(outcome.state === 'waiting' ? 'outcomes.double.firstSaved' : 'outcomes.double.differ'));
    } catch (err) {
      if (!(err instanceof ApiError)) return;
      const placed: Record<string, string> = {};
      const rest: FieldIssue[] = [];
      for (const issue of err.issues) {
        const field = issue.path === 'date' || issue.path === 'enteredBy' || issue.path.startsWith('answers.') ? issue.path : null;
        if (field) placed[field] = encodeBilingual(issue.message);
        else rest.push(issue);
      }
      setErrors(placed);
      setUnplaced(rest);
      const first = items.findIndex((item) => placed[`answers.${item.code}`]);
      if (first >= 0) focusItem(first);
    }
  };

  const setStatus = async (status: 'declined' | 'unreachable') => {
    await mark.mutateAsync({ participantId, timepoint, status });
    showToast(t('outcomes.entry.marked', { name, status: t(`outcomes.state.${status}`) }));
    void navigate('/outcomes');
  };

  const answered = texts.filter((text) => text.trim() !== '').length;
  const withTexts = items.some((i) => i.text);
  return (
    <>
      <form className="form entry-form" onSubmit={(e) => void submit(e)} noValidate>
        {double && (
          <p className="alert" role="note">
            {double.firstBy ? t('outcomes.double.second', { name: double.firstBy }) : t('outcomes.double.first')}
          </p>
        )}
        <p className="field__hint">{t('outcomes.entry.howTo')}</p>
        {!definition.licence.itemTextsIncluded && <p className="muted">{t('outcomes.entry.textsMissing', { holder: definition.licence.holder })}</p>}
        <div className="inline-form__fields">
          <InputField
            id="entry-date"
            label={t('outcomes.entry.date')}
            type="date"
            required
            value={date}
            onChange={(e) => setDate(e.target.value)}
            error={errors.date}
          />
          <InputField
            id="entry-by"
            label={t('outcomes.entry.enteredBy')}
            required
            value={enteredBy}
            onChange={(e) => setEnteredBy(e.target.value)}
            error={errors.enteredBy}
            autoComplete="off"
          />
        </div>
        <fieldset className="fieldset">
          <legend className="field__label">{t('outcomes.entry.answers')}</legend>
          <p className="small muted" aria-live="polite">
            {t('outcomes.entry.answered', { answered, total: items.length })}
          </p>
          <p className="field__error" role="status">
            {refusal}
          </p>
          <div className={withTexts ? 'entry-grid entry-grid--texts' : 'entry-grid'}>
            {items.map((item, i) => (
              <InputField
                key={item.code}
                id={`answer-${item.code}`}
                label={t('outcomes.entry.item', { code: item.code })}
                hint={[item.text ? pick(item.text) : '', t('outcomes.entry.range', { min: item.min, max: item.max })].filter(Boolean).join(' · ')}
                inputClassName="entry-answer"
                type="text"
                inputMode="numeric"
                autoComplete="off"
                maxLength={5}
                value={texts[i]}
                error={errors[`answers.${item.code}`]}
                ref={(el: HTMLInputElement | null) => {
                  inputs.current[i] = el;
                }}
                autoFocus={i === 0}
                onFocus={(e) => e.currentTarget.select()}
                onKeyDown={onKeyDown(i)}
                onChange={(e) => {
                  // Pasted or otherwise typed text: kept as typed and checked when saved.
                  setText(i, e.target.value.trim());
                }}
              />
            ))}
          </div>
        </fieldset>
        <ErrorAlert error={record.error} extraIssues={unplaced} quietOnFieldErrors />
        <div ref={saveButton}>
          <FormActions
            saving={record.isPending}
            submitLabel={t(!double ? 'outcomes.entry.save' : double.firstBy ? 'outcomes.double.saveSecond' : 'outcomes.double.saveFirst')}
            cancel="/outcomes"
          />
        </div>
      </form>
      <Panel id="entry-no-answer" title={t('outcomes.entry.noAnswer')}>
        <div className="inline-form__actions">
          <button type="button" className="button button--secondary" disabled={mark.isPending} onClick={() => void setStatus('declined')}>
            {t('outcomes.entry.declined')}
          </button>
          <button type="button" className="button button--secondary" disabled={mark.isPending} onClick={() => void setStatus('unreachable')}>
            {t('outcomes.entry.unreachable')}
          </button>
        </div>
        <ErrorAlert error={mark.error} />
      </Panel>
    </>
  );
}
