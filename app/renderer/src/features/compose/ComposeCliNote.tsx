// Which compose CLI Up, Down and Pull use, or why they cannot run: none installed (what to install)
// or one that did not answer in time on a busy machine (try again).
import { useRequest } from '../../api/hooks';

export function ComposeCliNote({ ready }: { ready: boolean }) {
  // A CLI that was only slow is asked again whenever the page shows (it may answer now).
  const cli = useRequest(
    'compose.cli',
    {},
    { enabled: ready, staleTime: (q) => (q.state.data?.reason === 'slow' ? 0 : 60_000) },
  );
  if (!cli.data) return null;
  if (!cli.data.available)
    return (
      <p className="warning-text" role="alert">
        {cli.data.reason === 'slow'
          ? 'The compose CLI did not answer in time, so Up, Down and Pull cannot run right now'
          : 'No compose CLI is installed, so Up, Down and Pull cannot run'}{' '}
        (Start, Stop and Restart still work). {cli.data.advice}
      </p>
    );
  return (
    <span className="muted small">
      using {cli.data.command} {cli.data.version}
    </span>
  );
}
