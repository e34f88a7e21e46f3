import type { ReactNode } from 'react';

/** One key figure of a <dl className="stat-grid">. */
export function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="stat">
      <dt className="stat__label">{label}</dt>
      <dd className="stat__value">{value}</dd>
    </div>
  );
}

/** Key figures under a heading for screen readers (the figures speak for themselves on screen). */
export function StatGrid({ id, title, note, children }: { id: string; title: string; note?: ReactNode; children: ReactNode }) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id} className="visually-hidden">
        {title}
      </h2>
      <dl className="stat-grid">{children}</dl>
      {note !== undefined && <p className="panel__hint">{note}</p>}
    </section>
  );
}
