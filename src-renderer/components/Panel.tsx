import type { ReactNode } from 'react';

interface PanelProps {
  /** The heading's id; the section is named by it. */
  id: string;
  title: ReactNode;
  /** A figure in a pill after the title, e.g. how many are overdue; none when left out. */
  count?: string | null | false;
  /** A short line beside the title. */
  hint?: ReactNode;
  /** The heading takes focus when a row that had it disappears. */
  focusableHeading?: boolean;
  className?: string;
  children: ReactNode;
}

/** A titled region of a page. */
export function Panel({ id, title, count, hint, focusableHeading, className, children }: PanelProps) {
  const heading = (
    <h2 id={id} className="panel__title" tabIndex={focusableHeading ? -1 : undefined}>
      {title}
      {count && <span className="count-pill">{count}</span>}
    </h2>
  );
  return (
    <section className={className ? `panel ${className}` : 'panel'} aria-labelledby={id}>
      {hint === undefined ? (
        heading
      ) : (
        <div className="panel__header">
          {heading}
          <p className="panel__hint">{hint}</p>
        </div>
      )}
      {children}
    </section>
  );
}
