import { useTranslation } from 'react-i18next';
import type { AttentionFlag, PathwayStatus } from '@contract';
import { useBilingual } from '../../i18n/useBilingual';

export function PathwayBadge({ status }: { status: PathwayStatus }) {
  const { t } = useTranslation();
  return <span className={`badge badge--pathway-${status}`}>{t(`leaders.status.${status}`)}</span>;
}

/** Attendance arrives as a share (0–1), fidelity as per cent (0–100); both show as whole per cent. */
export const shareAsPercent = (share: number | null | undefined): string => (share == null ? '–' : `${Math.round(share * 100)} %`);
export const percent = (value: number | null | undefined): string => (value == null ? '–' : `${Math.round(value)} %`);
export const rating = (value: number | null | undefined): string => (value == null ? '–' : value.toFixed(1).replace('.', ','));

/** Every flag already says what rule fired and with which figures; this is its short name. */
export function FlagList({ flags }: { flags: AttentionFlag[] }) {
  const pick = useBilingual();
  if (flags.length === 0) return null;
  return (
    <ul className="attention-list__flags">
      {flags.map((f, i) => (
        <li key={`${f.rule}-${i}`}>{pick(f.message)}</li>
      ))}
    </ul>
  );
}

export function Detail({ label, value }: { label: string; value: string }) {
  return (
    <div className="details__row">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}
