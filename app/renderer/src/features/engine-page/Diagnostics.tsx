// The diagnostics checks: what passed, what failed and how to fix it.
import { useRequest } from '../../api/hooks';
import { RefreshCard } from '../../components/RefreshCard';

const mark = { passed: '✓', failed: '✗', skipped: '–' } as const;

export function Diagnostics() {
  const q = useRequest('engine.diagnostics', undefined, { staleTime: 60_000 });
  const shown = (q.data ?? []).filter((d) => d.status !== 'skipped');
  const failed = shown.filter((d) => d.status === 'failed').length;
  return (
    <RefreshCard title="Diagnostics" query={q} again="Run the checks again" busy="Checking…">
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
    </RefreshCard>
  );
}
