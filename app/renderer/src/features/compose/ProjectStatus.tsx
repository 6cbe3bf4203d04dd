// "N of M running" with a coloured dot (all, some, none).
export function ProjectStatus({ running, total }: { running: number; total: number }) {
  const cls = running === 0 ? 'none' : running === total ? 'all' : 'some';
  return (
    <span className={`compose-status ${cls}`}>
      <span className="dot" aria-hidden="true" />
      {running} of {total} running
    </span>
  );
}
