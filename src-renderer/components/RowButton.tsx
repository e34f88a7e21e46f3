import type { ButtonHTMLAttributes } from 'react';

const variants = {
  secondary: 'button button--small button--secondary',
  link: 'button button--small button--link',
  danger: 'button button--small button--link button--danger-text',
};

interface RowButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'type' | 'className' | 'aria-label'> {
  label: string;
  /** What the row is ("träff 3", a participant's name): the button's name says it, so each is unique. */
  target: string;
  variant?: keyof typeof variants;
}

/**
 * A button in a table row. Its name is a label rather than visible text plus hidden text:
 * Chromium puts a space before a hidden span's comma.
 */
export function RowButton({ label, target, variant = 'secondary', ...button }: RowButtonProps) {
  return (
    <button type="button" className={variants[variant]} aria-label={`${label}, ${target}`} {...button}>
      {label}
    </button>
  );
}
