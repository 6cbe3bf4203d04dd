// The shape of one benchmark scenario. bench/run.ts starts a private engine with the harness,
// runs every scenario in bench/scenarios/, and prints Berth's median next to the reference's.
import type { TestEngine } from '../harness/engine';

export interface BenchContext {
  engine: TestEngine;
  /** --quick: tiny workloads, only proves the scenario runs (used in CI). */
  quick: boolean;
  /** Busybox fixture image reference, already imported into the engine. */
  busybox: string;
  log(line: string): void;
}

export interface BenchResult {
  /** Samples of Berth's measurement (ms, or the unit below). */
  berth: number[];
  /** Samples of the reference (docker CLI or raw API) doing the same thing. */
  reference: number[];
  unit: 'ms' | 'cpu-s' | 'MB' | 'lines/s' | '% core' | 'requests' | 'requests/event' | 'rows' | 'count';
  /** What the reference was, e.g. "docker ps -a". */
  referenceLabel: string;
  /** Replaces the scenario title for this row. */
  title?: string;
  goal?: string;
  /** Largest acceptable berth/reference ratio for this row (overrides the scenario's). */
  goalRatio?: number;
  /** Largest acceptable Berth value when there is no reference (reference: []). */
  limit?: number;
  /** Largest acceptable amount (in the row's unit) by which Berth's median may exceed the reference's. */
  goalOver?: number;
}

export interface BenchScenario {
  id: string;
  title: string;
  /** Human goal, e.g. "≤ 1.1× docker". */
  goal: string;
  /** Largest acceptable berth/reference ratio of medians (for the ✓ column only; never asserted in tests). */
  goalRatio?: number;
  /** A reason to skip (capability missing), or undefined to run. */
  skip?(): string | undefined;
  run(ctx: BenchContext): Promise<BenchResult | BenchResult[]>;
}
