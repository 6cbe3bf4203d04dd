// The Stats tab: live CPU, memory, network and block I/O charts with the current values as text.
import { useState } from 'react';
import type { ContainerSummary } from '../../../../../../shared/contract';
import { usePageVisible, useStream } from '../../../../api/hooks';
import { formatBytes, formatPercent, formatRate } from '../common/format';
import { Empty, ErrorNote } from '../common/States';
import { chartWindow } from './draw-chart';
import { LineChart } from './LineChart';
import { niceBytesMax, niceMax } from './rates';
import { addSamples, historyOf, HISTORY_MS, useStatsVersion } from './stats-store';
import '../common/common.css';
import './stats.css';

/** The two rate charts: each a pair of per-second series on one bytes scale, summed up by their verbs. */
const RATE_CHARTS = [
  {
    title: 'Network',
    series: [
      { field: 'rx', colorVar: '--accent', label: 'received/s', verb: 'receiving' },
      { field: 'tx', colorVar: '--paused', label: 'sent/s', verb: 'sending' },
    ],
  },
  {
    title: 'Block I/O',
    series: [
      { field: 'read', colorVar: '--warning', label: 'read/s', verb: 'reading' },
      { field: 'write', colorVar: '--success', label: 'written/s', verb: 'writing' },
    ],
  },
] as const;

export function StatsTab({ container }: { container: ContainerSummary }) {
  const visible = usePageVisible();
  const running = container.state === 'running' || container.state === 'paused';
  const version = useStatsVersion((s) => s[container.id] ?? 0);
  const [error, setError] = useState<string>();
  const [gen, setGen] = useState(0);

  useStream('containers.stats', { id: container.id }, `${container.id}|${gen}`, {
    enabled: running && visible,
    onData(samples) {
      if (error) setError(undefined);
      addSamples(container.id, samples);
    },
    onEnd(err) {
      if (err) setError(err.message);
    },
  });

  const h = historyOf(container.id);
  const ring = h.ring;
  const n = ring.size;
  const last = (f: Parameters<typeof ring.last>[0]) => ring.last(f) ?? 0;
  const cpu = last('cpu');
  const mem = last('mem');
  const limit = last('memLimit');
  const memPeak = ring.max('mem');
  const memMax = limit > 0 && limit < memPeak * 4 ? limit : niceBytesMax(Math.max(memPeak * 1.25, 1_000_000));
  const cpuMax = niceMax(Math.max(100, ring.max('cpu')));
  const windowMs = chartWindow(n ? Date.now() - ring.get(0, 'ts') : 0, HISTORY_MS);

  return (
    <div className="bd-tab stats-tab">
      {error && <ErrorNote error={{ message: error }} onRetry={() => (setError(undefined), setGen((g) => g + 1))} />}
      {!running && (
        <Empty>
          {n
            ? 'The container is not running; the charts show its recent history.'
            : 'The container is not running. Start it to see live stats.'}
        </Empty>
      )}
      {running && n === 0 && !error && <Empty>Waiting for the first sample…</Empty>}
      <dl className="stats-values" aria-label="Current values">
        <div>
          <dt>CPU</dt>
          <dd>{n ? formatPercent(cpu) : '—'}</dd>
        </div>
        <div>
          <dt>Memory</dt>
          <dd>
            {n
              ? `${formatBytes(mem)} of ${formatBytes(limit)}${limit ? ` (${formatPercent((mem / limit) * 100)})` : ''}`
              : '—'}
          </dd>
        </div>
        <div>
          <dt>Network</dt>
          <dd>{n ? `↓ ${formatRate(last('rx'))} · ↑ ${formatRate(last('tx'))}` : '—'}</dd>
        </div>
        <div>
          <dt>Block I/O</dt>
          <dd>{n ? `read ${formatRate(last('read'))} · write ${formatRate(last('write'))}` : '—'}</dd>
        </div>
        <div>
          <dt>Processes</dt>
          <dd>{n ? String(last('pids')) : '—'}</dd>
        </div>
      </dl>
      <div className="stats-grid">
        <LineChart
          title="CPU"
          summary={`${formatPercent(cpu)} now, peak ${formatPercent(ring.max('cpu'))} in the charted period`}
          ring={ring}
          version={version}
          series={[{ field: 'cpu', colorVar: '--accent', label: 'CPU %' }]}
          yMax={cpuMax}
          formatY={(v) => `${Math.round(v)} %`}
          windowMs={windowMs}
        />
        <LineChart
          title="Memory"
          summary={`${formatBytes(mem)} used of ${formatBytes(limit)}, peak ${formatBytes(memPeak)}`}
          ring={ring}
          version={version}
          series={[
            { field: 'mem', colorVar: '--success', label: 'usage' },
            // the limit line only when it fits the scale (an unlimited container's limit is the host's memory)
            ...(limit > 0 && limit <= memMax
              ? [
                  {
                    field: 'memLimit' as const,
                    colorVar: '--danger',
                    label: `limit ${formatBytes(limit)}`,
                    dashed: true,
                  },
                ]
              : []),
          ]}
          yMax={memMax}
          formatY={formatBytes}
          windowMs={windowMs}
        />
        {RATE_CHARTS.map(({ title, series: [a, b] }) => (
          <LineChart
            key={title}
            title={title}
            summary={`${a.verb} ${formatRate(last(a.field))}, ${b.verb} ${formatRate(last(b.field))}`}
            ring={ring}
            version={version}
            series={[a, b]}
            yMax={niceBytesMax(Math.max(ring.max(a.field), ring.max(b.field), 1000))}
            formatY={formatRate}
            windowMs={windowMs}
          />
        ))}
      </div>
    </div>
  );
}
