// Published ports: the first few as links (TCP) or labelled text (UDP, SCTP), and "+N" opening a
// menu with all of them, so every binding is reachable however narrow the column.
import type { PortMapping } from '../../../shared/contract';
import { MenuButton } from './Menu';
import { portEntries, type PortEntry } from './ports';

function Port({ p }: { p: PortEntry }) {
  if (p.url)
    return (
      <a href={p.url} target="_blank" rel="noopener noreferrer" title={p.description} aria-label={`Open ${p.url}`}>
        {p.text}
      </a>
    );
  return (
    <span className="port-plain" title={p.description}>
      {p.text.replace(/\/(udp|sctp)$/, '')}
      <span className="proto">{p.protocol.toUpperCase()}</span>
    </span>
  );
}

export function PortList({ ports, max = 2, owner }: { ports: readonly PortMapping[]; max?: number; owner: string }) {
  const all = portEntries(ports);
  if (all.length === 0) return <span className="muted">—</span>;
  const shown = all.length > max ? all.slice(0, Math.max(1, max - 1)) : all;
  const rest = all.length - shown.length;
  return (
    <span className="ports">
      {shown.map((p) => (
        <Port key={p.key} p={p} />
      ))}
      {rest > 0 && (
        <MenuButton
          className="more-ports small"
          label={`All ${all.length} ports of ${owner}`}
          menuLabel={`Ports of ${owner}`}
          items={all.map((p) => ({
            label: p.text,
            title: p.description,
            ...(p.url ? { href: p.url, external: true } : { hint: 'not a web address', disabled: true }),
          }))}
        >
          +{rest}
        </MenuButton>
      )}
    </span>
  );
}
