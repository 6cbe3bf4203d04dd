// Shows the right state before a list: no engine, engine starting, loading, or the failure's sentence.
import type { ReactNode } from 'react';
import type { CallError } from '../api/client';
import { useEngineStatus } from '../app/engine-status';
import { href } from '../app/router';

export function EngineGate({
  query,
  what,
  children,
}: {
  query: { isPending: boolean; error: CallError | null; refetch(): unknown };
  what: string;
  children: ReactNode;
}) {
  const status = useEngineStatus();
  if (!status) return <p className="muted empty">Connecting to Berth…</p>;
  if (status.state !== 'running') {
    const text =
      status.state === 'starting'
        ? `The engine is starting: ${status.progress || 'one moment'}.`
        : status.state === 'error'
          ? (status.error?.message ?? 'The engine failed.')
          : status.state === 'none'
            ? 'No container engine is set up.'
            : `The engine is ${status.state}.`;
    return (
      <div className="empty" role="status">
        <h2>{status.state === 'starting' ? 'Engine starting' : 'Engine not running'}</h2>
        <p>{text}</p>
        {status.error?.fix && <p>{status.error.fix}</p>}
        <a className="button" href={href('engine')}>
          Open the Engine page
        </a>
      </div>
    );
  }
  if (query.error)
    return (
      <div className="empty" role="alert">
        <p className="error-text">{query.error.message}</p>
        <button type="button" onClick={() => void query.refetch()}>
          Try again
        </button>
      </div>
    );
  if (query.isPending) return <p className="muted empty">Loading {what}…</p>;
  return <>{children}</>;
}
