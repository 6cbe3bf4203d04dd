// The logs view's own work, in Node without a browser: appending 1 000 000 lines to the renderer's
// LogBuffer (in batches as the stream delivers them), and a plain-text search through them. These
// were wall-clock assertions in the unit tests; timing belongs here, the tests keep the behaviour.
import type { LogLine } from '../../app/shared/contract';
import { LogBuffer } from '../../app/renderer/src/features/containers/detail/logs/log-buffer';
import { compileSearch, SearchIndex } from '../../app/renderer/src/features/containers/detail/logs/search';
import { row } from '../measure';
import type { BenchScenario } from '../types';

function fill(lines: number, batchSize: number, text: (i: number) => string): { buffer: LogBuffer; ms: number } {
  const buffer = new LogBuffer();
  const batch: LogLine[] = [];
  const t0 = performance.now();
  for (let i = 0; i < lines; i++) {
    batch.push({ stream: 'stdout', text: text(i) });
    if (batch.length === batchSize) {
      buffer.append(batch);
      batch.length = 0;
    }
  }
  buffer.append(batch);
  return { buffer, ms: performance.now() - t0 };
}

function searchMs(buffer: LogBuffer, needle: string): number {
  const c = compileSearch(needle, { regex: false, caseSensitive: false });
  if (!c?.ok) throw new Error(`the search "${needle}" did not compile`);
  const index = new SearchIndex(c.re);
  const t0 = performance.now();
  while (!index.extend(buffer, 50));
  const ms = performance.now() - t0;
  if (index.total !== 1) throw new Error(`the search found ${index.total} lines, not 1`);
  return ms;
}

export const scenario: BenchScenario = {
  id: 'log-buffer',
  title: 'logs view in Node: buffer and search',
  goal: 'append 1 M lines ≤ 3 s; search them ≤ 1 s',
  async run({ quick, log }) {
    const lines = quick ? 100_000 : 1_000_000;
    const runs = quick ? 1 : 5;
    const append: number[] = [];
    const search: number[] = [];
    for (let r = 0; r < runs; r++) {
      append.push(fill(lines, 5000, (i) => `line ${i}`).ms);
      const { buffer } = fill(
        lines,
        10_000,
        (i) => `2026-11-25 request ${i} served in ${i % 97} ms from worker-${i % 8}`,
      );
      search.push(searchMs(buffer, `request ${lines / 2} `));
    }
    log(
      `${lines} lines: append ${append.map((m) => m.toFixed(0)).join(', ')} ms; search ${search.map((m) => m.toFixed(0)).join(', ')} ms`,
    );
    const label = `${lines.toLocaleString('en')} lines, no reference (fixed goal)`;
    return [
      row({
        title: `logs view: append ${lines.toLocaleString('en')} lines to the buffer`,
        goal: '≤ 3 000 ms for 1 M lines',
        limit: quick ? 300 : 3000,
        berth: append,
        reference: [],
        unit: 'ms',
        referenceLabel: label,
      }),
      row({
        title: `logs view: search ${lines.toLocaleString('en')} lines`,
        goal: '≤ 1 000 ms for 1 M lines',
        limit: quick ? 100 : 1000,
        berth: search,
        reference: [],
        unit: 'ms',
        referenceLabel: label,
      }),
    ];
  },
};
