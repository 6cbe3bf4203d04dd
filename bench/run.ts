// `npm run bench [-- --quick] [-- --only ID] [-- --list]`: one private engine, every scenario in
// bench/scenarios/, one table of Berth's median against the reference's, and a JSON record with
// the machine's description. The pure parts (rows, formatting, the table) are exported for tests.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, hostname, release, totalmem, version as kernelVersion } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTestEngine, type TestEngine } from '../harness/engine';
import { buildBusybox, BUSYBOX } from '../harness/fixtures';
import { median, type Row as ResultWithExtras, type Unit } from './measure';
import type { BenchResult, BenchScenario } from './types';

const here = fileURLToPath(new URL('.', import.meta.url));

/** One line of the table and of the JSON record. */
export interface TableRow {
  id: string;
  title: string;
  goal: string;
  unit: Unit | '';
  referenceLabel: string;
  /** Medians; NaN when there is none (skipped, failed, or no reference). */
  berth: number;
  reference: number;
  /** berth / reference for times and costs, reference / berth for rates; NaN without a reference. */
  ratio: number;
  /** Whether the goal was met; undefined when the row has no checkable goal. */
  met?: boolean;
  /** Fixed limit for Berth's value when there is no reference. */
  limit?: number;
  samples?: { berth: number[]; reference: number[] };
  /** "skipped: …" or "failed: …". */
  skipped?: string;
}

/** Ratio of medians, oriented so that below 1 is better for Berth. */
export function ratioOf(berth: number, reference: number, unit: Unit | ''): number {
  if (!Number.isFinite(berth) || !Number.isFinite(reference)) return NaN;
  const [num, den] = unit === 'lines/s' ? [reference, berth] : [berth, reference];
  if (den === 0) return num === 0 ? 1 : Infinity;
  return num / den;
}

/** Turns one result of a scenario into a table row. */
export function toRow(s: BenchScenario, result: BenchResult, index: number, count: number): TableRow {
  const r = result as unknown as ResultWithExtras;
  const berth = median(r.berth);
  const reference = median(r.reference);
  const ratio = ratioOf(berth, reference, r.unit);
  const goalRatio = r.goalRatio ?? s.goalRatio;
  let met: boolean | undefined;
  if (Number.isFinite(ratio) || ratio === Infinity) met = goalRatio !== undefined ? ratio <= goalRatio : undefined;
  if (met === undefined && r.goalOver !== undefined && Number.isFinite(berth) && Number.isFinite(reference))
    met = berth - reference <= r.goalOver;
  if (met === undefined && r.limit !== undefined && Number.isFinite(berth)) met = berth <= r.limit;
  return {
    id: count > 1 ? `${s.id}#${index + 1}` : s.id,
    title: r.title ?? (count > 1 ? `${s.title} (${r.referenceLabel})` : s.title),
    goal: r.goal ?? s.goal,
    unit: r.unit,
    referenceLabel: r.referenceLabel,
    berth,
    reference,
    ratio,
    ...(met !== undefined ? { met } : {}),
    ...(r.limit !== undefined ? { limit: r.limit } : {}),
    samples: { berth: r.berth, reference: r.reference },
  };
}

export function skippedRow(s: BenchScenario, reason: string): TableRow {
  return {
    id: s.id,
    title: s.title,
    goal: s.goal,
    unit: '',
    referenceLabel: '',
    berth: NaN,
    reference: NaN,
    ratio: NaN,
    skipped: reason,
  };
}

export function fmtValue(v: number, unit: Unit | ''): string {
  if (!Number.isFinite(v)) return '—';
  switch (unit) {
    case 'ms':
      return v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v < 10 ? v.toFixed(2) : v.toFixed(0)} ms`;
    case 'lines/s':
      return `${Math.round(v).toLocaleString('en')} lines/s`;
    case 'requests':
      return `${Math.round(v)} requests`;
    case 'requests/event':
      return `${v.toFixed(2)} requests/event`;
    case 'rows':
      return `${Math.round(v)} rows`;
    case 'count':
      return `${Math.round(v)}`;
    case '% core':
      return `${v.toFixed(2)} % core`;
    case 'MB':
      return `${v.toFixed(v < 10 ? 1 : 0)} MB`;
    default:
      return `${v.toFixed(2)} ${unit}`.trim();
  }
}

export function fmtRatio(ratio: number): string {
  if (ratio === Infinity) return '∞';
  return Number.isFinite(ratio) ? `${ratio < 0.1 ? ratio.toFixed(3) : ratio.toFixed(2)}×` : '—';
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The Markdown table printed at the end of a run (and pasted into README.md). */
export function renderTable(rows: TableRow[]): string {
  const out = [
    '| scenario | Berth (median) | reference (median) — what it is | ratio | goal | met |',
    '|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    if (r.skipped) {
      out.push(`| ${cell(r.title)} | — | — | — | ${cell(r.goal)} | ${cell(r.skipped)} |`);
      continue;
    }
    const n = (xs?: number[]) => (xs && xs.length > 1 ? ` (n=${xs.length})` : '');
    const hasRef = Number.isFinite(r.reference);
    const ref = hasRef
      ? `${fmtValue(r.reference, r.unit)}${n(r.samples?.reference)} — ${r.referenceLabel}`
      : `${r.limit !== undefined ? 'none (fixed goal)' : 'none'} — ${r.referenceLabel}`;
    const met = r.met === undefined ? '' : r.met ? 'yes' : '**no**';
    out.push(
      `| ${cell(r.title)} | ${fmtValue(r.berth, r.unit)}${n(r.samples?.berth)} | ${cell(ref)} | ${fmtRatio(r.ratio)} | ${cell(r.goal)} | ${met} |`,
    );
  }
  return out.join('\n');
}

interface EngineVersion {
  Version?: string;
  ApiVersion?: string;
  Components?: { Name: string; Version: string }[];
}

/** What a result file says about the machine, so runs can be compared. */
export function describeMachine(
  engine: EngineVersion,
  cpuinfo = readText('/proc/cpuinfo'),
  osRelease = readText('/etc/os-release'),
) {
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? cpus()[0]?.model ?? 'unknown';
  const component = (name: string) => engine.Components?.find((c) => c.Name === name)?.Version;
  return {
    cpu: model,
    cores: cpus().length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    kernel: `${release()} ${kernelVersion()}`.trim(),
    os: /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(osRelease)?.[1] ?? 'unknown',
    host: hostname(),
    node: process.version,
    engine: {
      version: engine.Version,
      apiVersion: engine.ApiVersion,
      containerd: component('containerd'),
      runc: component('runc'),
    },
  };
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

async function loadScenarios(): Promise<BenchScenario[]> {
  const files = readdirSync(join(here, 'scenarios'))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .sort();
  const scenarios: BenchScenario[] = [];
  for (const f of files) {
    const mod = (await import(join(here, 'scenarios', f))) as {
      default?: BenchScenario;
      scenario?: BenchScenario;
      scenarios?: BenchScenario[];
    };
    const found = mod.scenarios ?? [mod.scenario ?? mod.default].filter((s): s is BenchScenario => !!s);
    for (const s of found) if (!scenarios.some((x) => x.id === s.id)) scenarios.push(s);
  }
  return scenarios;
}

/** Removes the containers a scenario left behind, so each scenario starts from the same engine. */
async function removeLeftovers(engine: TestEngine, before: Set<string>): Promise<void> {
  const ids = async () => (await engine.docker(['ps', '-aq', '--no-trunc'])).stdout.split('\n').filter(Boolean);
  const left = (await ids()).filter((id) => !before.has(id));
  for (let i = 0; i < left.length; i += 100) await engine.docker(['rm', '-f', ...left.slice(i, i + 100)]);
  if (left.length) console.log(`    removed ${left.length} containers the scenario left behind`);
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
  if (process.argv.includes('--list')) {
    for (const s of await loadScenarios())
      console.log(`${s.id.padEnd(20)} ${s.title}${s.skip?.() ? `  (skips: ${s.skip()})` : ''}`);
    return;
  }
  // `--only a,b` runs several scenarios in one engine
  const ids = only?.split(',');
  const scenarios = (await loadScenarios()).filter((s) => !ids || ids.includes(s.id));
  const unknown = ids?.filter((id) => !scenarios.some((s) => s.id === id)) ?? [];
  if (unknown.length) throw new Error(`no scenario has the id "${unknown.join('", "')}"`);
  const engine = await startTestEngine();
  const rows: TableRow[] = [];
  let version: EngineVersion = {};
  try {
    version = JSON.parse(
      (await engine.docker(['version', '--format', '{{json .Server}}'])).stdout || '{}',
    ) as EngineVersion;
    await buildBusybox(engine);
    for (const s of scenarios) {
      const skip = s.skip?.();
      if (skip) {
        rows.push(skippedRow(s, `skipped: ${skip}`));
        console.log(`- ${s.title}: skipped (${skip})`);
        continue;
      }
      console.log(`- ${s.title} …`);
      const t0 = performance.now();
      const before = new Set((await engine.docker(['ps', '-aq', '--no-trunc'])).stdout.split('\n').filter(Boolean));
      try {
        const results = [await s.run({ engine, quick, busybox: BUSYBOX, log: (l) => console.log(`    ${l}`) })].flat();
        results.forEach((r, i) => rows.push(toRow(s, r, i, results.length)));
        console.log(`    done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      } catch (err) {
        rows.push(skippedRow(s, `failed: ${(err as Error).message.split('\n')[0]}`));
        console.log(`    failed: ${(err as Error).message}`);
      }
      await removeLeftovers(engine, before);
    }
  } finally {
    await engine.stop();
  }
  console.log(`\n${renderTable(rows)}`);
  const notRun = rows.filter((r) => r.skipped);
  if (notRun.length) console.log(`\nNot measured:\n${notRun.map((r) => `- ${r.id}: ${r.skipped}`).join('\n')}`);
  const machine = describeMachine(version);
  const dir = join(here, 'results');
  mkdirSync(dir, { recursive: true });
  const date = new Date().toISOString();
  const file = join(dir, `${date.replace(/[:.]/g, '-')}${quick ? '-quick' : ''}${only ? `-only-${only}` : ''}.json`);
  writeFileSync(file, `${JSON.stringify({ date, quick, only, machine, rows }, null, 2)}\n`);
  console.log(
    `\nMachine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, kernel ${release()}, engine ${machine.engine.version ?? '?'}`,
  );
  console.log(`Results written to ${file}`);
  // A failing scenario fails the run (CI's smoke check); unmet goals never do.
  if (rows.some((r) => r.skipped?.startsWith('failed'))) process.exitCode = 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    console.error(`bench: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  });
}
