import { describe, expect, it } from 'vitest';
import { row } from './measure';
import { describeMachine, fmtRatio, fmtValue, ratioOf, renderTable, skippedRow, toRow } from './run';
import type { BenchScenario } from './types';

const scenario = (over: Partial<BenchScenario> = {}): BenchScenario => ({
  id: 'list',
  title: 'list containers',
  goal: 'faster than docker ps -a',
  goalRatio: 1,
  run: () => Promise.reject(new Error('not run in unit tests')),
  ...over,
});

describe('ratioOf', () => {
  it('divides Berth by the reference for times, so below 1 is better', () => {
    expect(ratioOf(5, 20, 'ms')).toBe(0.25);
  });
  it('inverts rates, so below 1 still means Berth is better', () => {
    expect(ratioOf(400_000, 200_000, 'lines/s')).toBe(0.5);
  });
  it('has no ratio without a reference', () => {
    expect(ratioOf(5, NaN, 'MB')).toBeNaN();
  });
  it('treats 0 against 0 as even and something against 0 as infinitely worse', () => {
    expect(ratioOf(0, 0, '% core')).toBe(1);
    expect(ratioOf(0.2, 0, '% core')).toBe(Infinity);
  });
});

describe('toRow', () => {
  it('takes medians and checks the scenario goal ratio', () => {
    const r = toRow(
      scenario(),
      { berth: [1, 9, 3], reference: [10, 12, 11], unit: 'ms', referenceLabel: 'docker ps -a' },
      0,
      1,
    );
    expect(r).toMatchObject({ id: 'list', berth: 3, reference: 11, met: true, title: 'list containers' });
    expect(r.samples).toEqual({ berth: [1, 9, 3], reference: [10, 12, 11] });
  });
  it('numbers the rows of a scenario with several results and names them by their reference', () => {
    const r = toRow(scenario(), { berth: [20], reference: [10], unit: 'ms', referenceLabel: '1 000 containers' }, 1, 2);
    expect(r).toMatchObject({ id: 'list#2', title: 'list containers (1 000 containers)', met: false });
  });
  it('uses a row’s own title, goal and ratio over the scenario’s', () => {
    const r = toRow(
      scenario(),
      row({
        title: 'hidden: engine CPU',
        goal: '≤ 1.1× no Berth',
        goalRatio: 1.1,
        berth: [0.3],
        reference: [0.25],
        unit: '% core',
        referenceLabel: 'no Berth',
      }),
      0,
      1,
    );
    expect(r).toMatchObject({ title: 'hidden: engine CPU', goal: '≤ 1.1× no Berth', met: false });
    expect(r.ratio).toBeCloseTo(1.2);
  });
  it('checks a fixed limit when there is no reference', () => {
    const over = toRow(
      scenario({ goalRatio: undefined }),
      row({ limit: 0, berth: [2], reference: [], unit: 'requests', referenceLabel: 'hidden' }),
      0,
      1,
    );
    expect(over).toMatchObject({ met: false, limit: 0 });
    expect(over.ratio).toBeNaN();
    const under = toRow(
      scenario({ goalRatio: undefined }),
      row({ limit: 100, berth: [80, 82], reference: [], unit: 'MB', referenceLabel: 'rss' }),
      0,
      1,
    );
    expect(under.met).toBe(true);
  });
  it("checks how far Berth may be over the reference (goalOver), in the row's unit", () => {
    const at = (berth: number) =>
      toRow(
        scenario({ goalRatio: undefined }),
        row({ goalOver: 300, berth: [berth], reference: [100], unit: 'ms', referenceLabel: '/_ping' }),
        0,
        1,
      ).met;
    expect(at(400)).toBe(true);
    expect(at(401)).toBe(false);
  });
  it('leaves "met" out when the row has nothing to check', () => {
    const r = toRow(
      scenario({ goalRatio: undefined }),
      { berth: [200], reference: [100], unit: 'ms', referenceLabel: 'docker create' },
      0,
      1,
    );
    expect(r).not.toHaveProperty('met');
  });
});

describe('formatting', () => {
  it('formats each unit', () => {
    expect(fmtValue(3.456, 'ms')).toBe('3.46 ms');
    expect(fmtValue(123.4, 'ms')).toBe('123 ms');
    expect(fmtValue(0.666, 'requests/event')).toBe('0.67 requests/event');
    expect(fmtValue(31.2, 'rows')).toBe('31 rows');
    expect(fmtValue(1530, 'ms')).toBe('1.53 s');
    expect(fmtValue(320000.4, 'lines/s')).toBe('320,000 lines/s');
    expect(fmtValue(0.345, 'cpu-s')).toBe('0.34 cpu-s');
    expect(fmtValue(0.2, '% core')).toBe('0.20 % core');
    expect(fmtValue(78.6, 'MB')).toBe('79 MB');
    expect(fmtValue(0, 'requests')).toBe('0 requests');
    expect(fmtValue(NaN, 'ms')).toBe('—');
  });
  it('formats ratios', () => {
    expect(fmtRatio(1.234)).toBe('1.23×');
    expect(fmtRatio(0.0576)).toBe('0.058×');
    expect(fmtRatio(NaN)).toBe('—');
    expect(fmtRatio(Infinity)).toBe('∞');
  });
});

describe('renderTable', () => {
  it('renders measured, fixed-goal and skipped rows as one Markdown table', () => {
    const rows = [
      toRow(
        scenario(),
        { berth: [5, 6, 7], reference: [19, 20, 21], unit: 'ms', referenceLabel: 'docker ps -a' },
        0,
        1,
      ),
      toRow(
        scenario({ goalRatio: undefined }),
        row({
          title: 'idle RSS',
          goal: '≤ 100 MB',
          limit: 100,
          berth: [120],
          reference: [],
          unit: 'MB',
          referenceLabel: '60 s',
        }),
        0,
        1,
      ),
      skippedRow(scenario({ id: 'cold', title: 'cold start', goal: '≤ 1.1×' }), 'skipped: needs root'),
    ];
    expect(renderTable(rows).split('\n')).toEqual([
      '| scenario | Berth (median) | reference (median) — what it is | ratio | goal | met |',
      '|---|---|---|---|---|---|',
      '| list containers | 6.00 ms (n=3) | 20 ms (n=3) — docker ps -a | 0.30× | faster than docker ps -a | yes |',
      '| idle RSS | 120 MB | none (fixed goal) — 60 s | — | ≤ 100 MB | **no** |',
      '| cold start | — | — | — | ≤ 1.1× | skipped: needs root |',
    ]);
  });
  it('escapes pipes in cells', () => {
    const r = skippedRow(scenario(), 'failed: a | b');
    expect(renderTable([r])).toContain('failed: a \\| b');
  });
});

describe('describeMachine', () => {
  it('names the CPU, OS and engine versions', () => {
    const m = describeMachine(
      {
        Version: '20.10.24',
        ApiVersion: '1.41',
        Components: [
          { Name: 'containerd', Version: '1.6.20' },
          { Name: 'runc', Version: '1.1.5' },
        ],
      },
      'processor\t: 0\nmodel name\t: AMD EPYC 7B13\n',
      'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n',
    );
    expect(m).toMatchObject({
      cpu: 'AMD EPYC 7B13',
      os: 'Debian GNU/Linux 12 (bookworm)',
      engine: { version: '20.10.24', apiVersion: '1.41', containerd: '1.6.20', runc: '1.1.5' },
    });
    expect(m.cores).toBeGreaterThan(0);
    expect(m.memoryGiB).toBeGreaterThan(0);
    expect(m.kernel).toBeTruthy();
  });
});
