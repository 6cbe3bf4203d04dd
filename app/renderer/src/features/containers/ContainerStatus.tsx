// A container's state as the engine says it: the state, what is being done to it ("Stopping…"),
// health, restarts, OOM kill, error, and the live status line ("Up 8 seconds" ticks).
import type { ContainerSummary } from '../../../../shared/contract';
import { statusLine } from '../../../../shared/container-status';
import { useNow } from '../../components/use-now';
import { badges, exitReason } from './list-model';
import { doingWord, usePending } from './use-container-action';

/** State, health and other badges, and the live status line ("Up 8 seconds" ticks). */
export function ContainerStatus({ c }: { c: ContainerSummary }) {
  const now = useNow();
  const pending = usePending(c.id);
  const reason = exitReason(c);
  // Health is a badge beside the state; the line says the rest.
  const line = statusLine({ ...c, health: undefined }, now);
  return (
    <div className="status-cell" title={reason ? `${line}: ${reason}` : line}>
      <div className="status-top">
        <span className={`state-pill ${c.state}`}>{c.state}</span>
        {pending && <span className="pending-word">{doingWord(pending)}</span>}
        {badges(c).map((b) => (
          <span key={b.text} className={`badge ${b.tone}`} title={b.title}>
            {b.text}
          </span>
        ))}
      </div>
      <div className="muted small ellipsis">{line}</div>
    </div>
  );
}
