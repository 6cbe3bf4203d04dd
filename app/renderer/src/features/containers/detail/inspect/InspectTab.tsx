// The Inspect tab: the container's inspect JSON as a searchable, collapsible tree, with copy.
import { useMemo, useState } from 'react';
import type { ContainerSummary } from '../../../../../../shared/contract';
import { useRequest } from '../../../../api/hooks';
import { Empty, ErrorNote, Loading, StatusText } from '../common/States';
import { copyText, useFlash } from '../common/use-flash';
import { containerPaths, filterJson, type Json } from './json-filter';
import { JsonTree } from './JsonTree';
import '../common/common.css';
import './inspect.css';

const DEFAULT_OPEN = new Set(['', '/State', '/Config', '/NetworkSettings']);

export function InspectTab({ container }: { container: ContainerSummary }) {
  const q = useRequest('containers.inspect', { id: container.id });
  const [query, setQuery] = useState('');
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(DEFAULT_OPEN);
  const [flash, setFlash] = useFlash();
  const data = q.data as Json | undefined;
  const shown = useMemo(() => (data === undefined ? undefined : filterJson(data, query)), [data, query]);

  const toggle = (path: string) =>
    setExpanded((s) => {
      const n = new Set(s);
      if (n.has(path)) n.delete(path);
      else n.add(path);
      return n;
    });

  return (
    <div className="bd-tab inspect-tab">
      <div className="bd-toolbar">
        <input
          className="bd-input inspect-search"
          type="search"
          aria-label="Search inspect"
          placeholder="Filter keys and values"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <button
          type="button"
          className="bd-btn"
          disabled={data === undefined || !!query}
          onClick={() => data !== undefined && setExpanded(new Set(containerPaths(data)))}
        >
          Expand all
        </button>
        <button type="button" className="bd-btn" disabled={!!query} onClick={() => setExpanded(new Set(['']))}>
          Collapse all
        </button>
        <span className="bd-spacer" />
        <button
          type="button"
          className="bd-btn"
          disabled={data === undefined}
          onClick={async () => setFlash(await copyText(JSON.stringify(data, null, 2)))}
        >
          Copy
        </button>
        <StatusText text={flash} />
      </div>
      {q.isPending && <Loading label="Loading inspect data…" />}
      <ErrorNote error={q.error} onRetry={() => void q.refetch()} />
      {shown === undefined && data !== undefined && <Empty>Nothing matches “{query}”.</Empty>}
      {shown !== undefined && (
        <div className="bd-scroll inspect-scroll">
          <JsonTree value={shown} expanded={expanded} forceOpen={!!query.trim()} query={query} onToggle={toggle} />
        </div>
      )}
    </div>
  );
}
