// `npm run bench [-- --quick] [-- --only ID]`: one private engine, every scenario in
// bench/scenarios/, one table of Berth's median against the reference's, and a JSON record.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, release, hostname } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTestEngine } from '../harness/engine';
import { buildBusybox, BUSYBOX } from '../harness/fixtures';
import { median } from './measure';
import type { BenchResult, BenchScenario } from './types';

const here = fileURLToPath(new URL('.', import.meta.url));
const quick = process.argv.includes('--quick');
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;

function fmt(v: number, unit: BenchResult['unit']): string {
  if (!Number.isFinite(v)) return '—';
  return unit === 'ms' ? `${v < 10 ? v.toFixed(2) : v.toFixed(0)} ms` : unit === 'lines/s' ? `${Math.round(v).toLocaleString('en')} l/s` : `${v.toFixed(2)} ${unit}`;
}

async function main(): Promise<void> {
  const files = readdirSync(join(here, 'scenarios')).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).sort();
  const scenarios: BenchScenario[] = [];
  for (const f of files) {
    const mod = (await import(join(here, 'scenarios', f))) as { default?: BenchScenario; scenario?: BenchScenario; scenarios?: BenchScenario[] };
    scenarios.push(...(mod.scenarios ?? [mod.default ?? mod.scenario].filter((s): s is BenchScenario => !!s)));
  }
  const engine = await startTestEngine();
  const version = JSON.parse((await engine.docker(['version', '--format', '{{json .Server}}'])).stdout || '{}') as { Version?: string; ApiVersion?: string };
  await buildBusybox(engine);
  const rows: { id: string; title: string; goal: string; berth: number; reference: number; ratio: number; unit: string; referenceLabel: string; met?: boolean; skipped?: string }[] = [];
  try {
    for (const s of scenarios) {
      if (only && s.id !== only) continue;
      const skip = s.skip?.();
      if (skip) {
        rows.push({ id: s.id, title: s.title, goal: s.goal, berth: NaN, reference: NaN, ratio: NaN, unit: '', referenceLabel: '', skipped: skip });
        console.log(`- ${s.title}: skipped (${skip})`);
        continue;
      }
      console.log(`- ${s.title} …`);
      try {
        const results = [await s.run({ engine, quick, busybox: BUSYBOX, log: (l) => console.log(`    ${l}`) })].flat();
        for (const [i, r] of results.entries()) {
          const b = median(r.berth);
          const ref = median(r.reference);
          const ratio = r.unit === 'lines/s' ? ref / b : b / ref;
          rows.push({
            id: results.length > 1 ? `${s.id}#${i + 1}` : s.id,
            title: results.length > 1 ? `${s.title} (${r.referenceLabel})` : s.title,
            goal: s.goal,
            berth: b,
            reference: ref,
            ratio,
            unit: r.unit,
            referenceLabel: r.referenceLabel,
            ...(s.goalRatio !== undefined ? { met: ratio <= s.goalRatio } : {}),
          });
        }
      } catch (err) {
        rows.push({ id: s.id, title: s.title, goal: s.goal, berth: NaN, reference: NaN, ratio: NaN, unit: '', referenceLabel: '', skipped: `failed: ${(err as Error).message}` });
        console.log(`    failed: ${(err as Error).message}`);
      }
    }
  } finally {
    await engine.stop();
  }
  console.log('\n| scenario | Berth | reference | ratio | goal | met |\n|---|---|---|---|---|---|');
  for (const r of rows) {
    if (r.skipped) console.log(`| ${r.title} | — | — | — | ${r.goal} | skipped: ${r.skipped} |`);
    else
      console.log(
        `| ${r.title} | ${fmt(r.berth, r.unit as BenchResult['unit'])} | ${fmt(r.reference, r.unit as BenchResult['unit'])} (${r.referenceLabel}) | ${r.ratio.toFixed(2)}× | ${r.goal} | ${r.met === undefined ? '' : r.met ? 'yes' : 'NO'} |`,
      );
  }
  const machine = { cpu: cpus()[0]?.model, cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), kernel: release(), host: hostname(), engine: version, node: process.version };
  const dir = join(here, 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}${quick ? '-quick' : ''}.json`);
  writeFileSync(file, `${JSON.stringify({ date: new Date().toISOString(), quick, machine, rows }, null, 2)}\n`);
  console.log(`\nResults written to ${file}`);
  if (rows.some((r) => r.skipped?.startsWith('failed'))) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(`bench: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
