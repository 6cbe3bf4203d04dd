// The diagnostics checks: what passed, what failed and how to fix it.
import { useRequest } from '../../api/hooks';

const mark = { passed: '✓', failed: '✗', skipped: '–' } as const;

export function Diagnostics() {
  const q = useRequest('engine.diagnostics', undefined, { staleTime: 60_000 });
  const shown = (q.data ?? []).filter((d) => d.status !== 'skipped');
  const failed = shown.filter((d) => d.status === 'failed').length;
  return (
    <div className="card" role="region" aria-label="Diagnostics">
      <div className="card-head">
        <h2>Diagnostics</h2>
        <button type="button" className="small" disabled={q.isFetching} onClick={() => void q.refetch()}>
          {q.isFetching ? 'Checking…' : 'Run the checks again'}
        </button>
      </div>
      {q.error && <p className="error-text">{q.error.message}</p>}
      {q.isPending && <p className="muted">Checking…</p>}
      {q.data && (
        <>
          <p className={failed ? 'warning-text' : 'muted'} role="status">
            {failed
              ? `${failed} of ${shown.length} checks failed.`
              : shown.length === 1
                ? 'The one check that applies passed.'
                : `All ${shown.length} checks passed.`}
          </p>
          <ul className="diag-list" aria-label="Checks">
            {shown.map((d) => (
              <li key={d.id} aria-label={d.title} className={`diag diag-${d.status}`}>
                <span className="diag-mark" aria-hidden="true">
                  {mark[d.status]}
                </span>
                <div>
                  <div>
                    <strong>{d.title}</strong> <span className="visually-hidden">{d.status}</span>
                  </div>
                  <div className="muted small">{d.detail}</div>
                  {d.fix && d.status === 'failed' && (
                    <div className="small">
                      <strong>Fix:</strong> {d.fix}
                    </div>
                  )}
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
