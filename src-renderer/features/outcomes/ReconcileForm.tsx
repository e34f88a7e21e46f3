import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { EntryDifferences, InstrumentDetail } from '@contract';
import { ApiError } from '../../api/errors';
import { useApiMutation } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormActions } from '../../components/FormActions';
import { InputField } from '../../components/InputField';
import { Panel } from '../../components/Panel';
import { encodeBilingual } from '../../lib/forms';
import { showToast } from '../../stores/toasts';
import { answerOf, keyOutcome } from './entry-keys';
import { bothLanguages, type Recorded } from './EntryPage';

interface ReconcileFormProps {
  definition: InstrumentDetail;
  participantId: string;
  timepoint: string;
  differences: EntryDifferences;
  onSaved(recorded: Recorded): void;
}

/**
 * The items two typings differ in, one field each, typed from the paper form as on the entry
 * form: a digit that completes an answer moves on, an empty field is a blank answer.
 */
export function ReconcileForm({ definition, participantId, timepoint, differences, onSaved }: ReconcileFormProps) {
  const { t } = useTranslation();
  const reconcile = useApiMutation('responses.reconcile');
  const items = differences.items.map((d) => ({ ...d, range: definition.items.find((i) => i.code === d.code)! }));
  const [texts, setTexts] = useState<string[]>(() => items.map(() => ''));
  const [date, setDate] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const inputs = useRef<(HTMLInputElement | null)[]>([]);
  const actions = useRef<HTMLDivElement>(null);
  const shown = (value: number | null) => (value === null ? t('outcomes.double.blank') : String(value));

  const focusItem = (index: number) => {
    if (index >= items.length) {
      actions.current?.querySelector<HTMLButtonElement>('button[type="submit"]')?.focus();
      return;
    }
    inputs.current[Math.max(0, index)]?.focus();
  };
  const setText = (index: number, text: string) => {
    setTexts((old) => old.map((v, i) => (i === index ? text : v)));
    setErrors(({ [`answers.${items[index]!.code}`]: _dropped, ...rest }) => rest);
  };
  const outOfRange = (index: number) => {
    const { range } = items[index]!;
    return encodeBilingual(bothLanguages('outcomes.entry.outOfRange', { min: range.min, max: range.max }));
  };

  const onKeyDown = (index: number) => (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.ctrlKey || e.metaKey || e.altKey || e.key === 'Tab') return;
    const el = e.currentTarget;
    const selectedAll = el.value.length > 0 && el.selectionStart === 0 && el.selectionEnd === el.value.length;
    const outcome = keyOutcome(e.key, el.value, selectedAll, items[index]!.range);
    if (outcome.kind === 'default') return;
    e.preventDefault();
    if (outcome.kind === 'set') {
      setText(index, outcome.text);
      if (outcome.advance) focusItem(index + 1);
    } else if (outcome.kind === 'refuse') setErrors((old) => ({ ...old, [`answers.${items[index]!.code}`]: outOfRange(index) }));
    else if (outcome.kind === 'next') focusItem(index + 1);
    else if (outcome.kind === 'previous') focusItem(index - 1);
    else setText(index, '');
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const answers: Record<string, number | null> = {};
    const invalid: Record<string, string> = {};
    items.forEach((item, i) => {
      const value = answerOf(texts[i]!, item.range);
      if (value === 'invalid') invalid[`answers.${item.code}`] = outOfRange(i);
      else answers[item.code] = value;
    });
    if (differences.date && !date) invalid.date = encodeBilingual(bothLanguages('outcomes.double.chooseDate', {}));
    if (Object.keys(invalid).length) {
      setErrors(invalid);
      return;
    }
    try {
      const recorded = await reconcile.mutateAsync({ participantId, instrument: definition.code, timepoint, ...(differences.date ? { date } : {}), answers });
      showToast(t('outcomes.double.reconciled'));
      onSaved(recorded);
    } catch (err) {
      if (err instanceof ApiError) setErrors(Object.fromEntries(err.issues.map((i) => [i.path, encodeBilingual(i.message)])));
    }
  };

  return (
    <Panel id="entry-reconcile" title={t('outcomes.double.reconcileTitle')} focusableHeading>
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <p className="field__hint">{t('outcomes.double.reconcileHow', { count: items.length + (differences.date ? 1 : 0) })}</p>
        {differences.date && (
          <InputField
            id="reconcile-date"
            label={t('outcomes.entry.date')}
            hint={t('outcomes.double.both', { first: differences.date.first, second: differences.date.second })}
            type="date"
            required
            value={date}
            error={errors.date}
            onChange={(e) => setDate(e.target.value)}
          />
        )}
        {items.map((item, i) => (
          <InputField
            key={item.code}
            id={`reconcile-${item.code}`}
            label={t('outcomes.entry.item', { code: item.code })}
            hint={[t('outcomes.double.both', { first: shown(item.first), second: shown(item.second) }), t('outcomes.entry.range', item.range)].join(' · ')}
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
            autoFocus={i === 0 && !differences.date}
            onFocus={(e) => e.currentTarget.select()}
            onKeyDown={onKeyDown(i)}
            onChange={(e) => setText(i, e.target.value.trim())}
          />
        ))}
        <ErrorAlert error={reconcile.error} quietOnFieldErrors />
        <div ref={actions}>
          <FormActions saving={reconcile.isPending} submitLabel={t('outcomes.double.reconcileSave')} cancel="/outcomes" />
        </div>
      </form>
    </Panel>
  );
}
