// A card of the Engine page that reads the running engine (its details, its swarm): what it read
// while the engine runs, the sentence when the read failed, and a note while the engine is stopped.
import type { ReactNode } from 'react';

export function EngineCard<T>(p: {
  title: string;
  /** The card's region name. */
  label: string;
  className?: string;
  running: boolean;
  query: { data?: T | undefined; error?: { message: string } | null };
  /** What the card shows of the engine's answer. */
  show(data: T): ReactNode;
  /** Shown whatever the engine's state (e.g. a dialog the card opened). */
  children?: ReactNode;
}) {
  const { data, error } = p.query;
  return (
    <div className={p.className ? `card ${p.className}` : 'card'} role="region" aria-label={p.label}>
      <h2>{p.title}</h2>
      {!p.running && <p className="muted">Shown while the engine runs.</p>}
      {p.running && error && <p className="error-text">{error.message}</p>}
      {p.running && data !== undefined && p.show(data)}
      {p.children}
    </div>
  );
}
