import type { AttentionFlag } from '@contract';
import { useBilingual } from '../../i18n/useBilingual';

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
