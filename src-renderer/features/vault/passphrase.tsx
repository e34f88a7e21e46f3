import { useState } from 'react';
import type { FieldErrors, UseFormRegister, UseFormWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { FormField } from '../../components/FormField';

export const minPassphraseLength = 12;
export const maxPassphraseLength = 1024;

/** Counted as the server counts: characters as typed (code points), not UTF-16 units. */
export const charCount = (s: string): number => [...s.normalize('NFC')].length;

export type Strength = 'tooShort' | 'weak' | 'ok' | 'good' | 'strong';

/**
 * A rough guide, not a guarantee: length matters most, so several ordinary words beat a short
 * string of symbols. Repeated characters ("aaaaaaaaaaaa") pass the length rule but are weak.
 */
export function passphraseStrength(passphrase: string): Strength {
  const length = charCount(passphrase);
  if (length < minPassphraseLength) return 'tooShort';
  if (new Set(passphrase.toLowerCase()).size < 6) return 'weak';
  const words = passphrase.split(/[\s\-_.,]+/).filter((w) => w.length >= 3).length;
  if (length >= 24 || (words >= 4 && length >= 20)) return 'strong';
  if (length >= 16 || words >= 3) return 'good';
  return 'ok';
}

export const passphraseRules = {
  validate: (value: string) => {
    const n = charCount(value);
    if (n < minPassphraseLength) return 'vault.validation.tooShort';
    if (n > maxPassphraseLength) return 'vault.validation.tooLong';
    return true;
  },
};

// The field names differ per procedure (passphrase/newPassphrase/next), so the form is loosely typed here.
type Values = Record<string, string>;

interface PassphraseFieldsProps {
  idPrefix: string;
  name: string;
  repeatName: string;
  label: string;
  register: UseFormRegister<Values>;
  watch: UseFormWatch<Values>;
  errors: FieldErrors<Values>;
}

/** New passphrase twice, with a live strength hint and a switch to show what was typed. */
export function PassphraseFields({ idPrefix, name, repeatName, label, register, watch, errors }: PassphraseFieldsProps) {
  const { t } = useTranslation();
  const [visible, setVisible] = useState(false);
  const value = watch(name) ?? '';
  const strength = passphraseStrength(value);
  const hint =
    value === ''
      ? t('vault.passphraseHint', { min: minPassphraseLength })
      : `${t(`vault.strength.${strength}`, { count: charCount(value), min: minPassphraseLength })} ${t('vault.passphraseHint', { min: minPassphraseLength })}`;
  return (
    <>
      <FormField id={`${idPrefix}-${name}`} label={label} required hint={hint} error={errors[name]?.message}>
        {(p) => (
          <div className="strength-field">
            <input {...p} type={visible ? 'text' : 'password'} autoComplete="new-password" spellCheck={false} {...register(name, passphraseRules)} />
            <span className={`strength strength--${strength}`} aria-hidden="true" data-empty={value === '' || undefined} />
          </div>
        )}
      </FormField>
      <FormField id={`${idPrefix}-${repeatName}`} label={t('vault.repeat')} required error={errors[repeatName]?.message}>
        {(p) => (
          <input
            {...p}
            type={visible ? 'text' : 'password'}
            autoComplete="new-password"
            spellCheck={false}
            {...register(repeatName, { validate: (v, all) => v === all[name] || 'vault.validation.mismatch' })}
          />
        )}
      </FormField>
      <label className="checkbox">
        <input type="checkbox" checked={visible} onChange={(e) => setVisible(e.target.checked)} />
        <span>{t('vault.show')}</span>
      </label>
    </>
  );
}
