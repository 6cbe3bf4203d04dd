// Published ports of compose containers, as links that open the port on this machine.
import type { PortMapping } from '../../../../shared/contract';

export function publishedPorts(ports: readonly PortMapping[]): PortMapping[] {
  const seen = new Set<string>();
  return ports.filter((p) => {
    if (!p.hostPort) return false;
    const key = `${p.hostPort}/${p.containerPort}/${p.protocol}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function Ports({ ports }: { ports: readonly PortMapping[] }) {
  const shown = publishedPorts(ports);
  if (!shown.length) return <span className="muted">—</span>;
  return (
    <span className="ports">
      {shown.map((p) =>
        p.protocol === 'tcp' ? (
          <a
            key={`${p.hostPort}-${p.containerPort}`}
            href={`http://localhost:${p.hostPort}/`}
            target="_blank"
            rel="noopener noreferrer"
            title={`Open port ${p.hostPort} in the browser`}
          >
            {p.hostPort}→{p.containerPort}
          </a>
        ) : (
          <span key={`${p.hostPort}-${p.containerPort}-${p.protocol}`}>
            {p.hostPort}→{p.containerPort}/{p.protocol}
          </span>
        ),
      )}
    </span>
  );
}
