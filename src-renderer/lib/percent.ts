/** Shares arrive as 0–1 (attendance, completion), per cents as 0–100 (fidelity); both show as whole per cent. */
export const shareAsPercent = (share: number | null | undefined): string => (share == null ? '–' : `${Math.round(share * 100)} %`);
export const percent = (value: number | null | undefined): string => (value == null ? '–' : `${Math.round(value)} %`);
/** A mean on the supervision rating scale, with a decimal comma. */
export const rating = (value: number | null | undefined): string => (value == null ? '–' : value.toFixed(1).replace('.', ','));
