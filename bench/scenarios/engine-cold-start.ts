// Cold start of Berth's managed engine: NativeHost.start() until /_ping answers, against the same
// dockerd started by hand with the same flags (bridge included, fresh data-root each time).
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { pingUnix } from '../../app/engine/docker/client';
import { findBinary } from '../../app/engine/host/binaries';
import { dockerdArgs } from '../../app/engine/host/native-config';
import { NativeHost } from '../../app/engine/host/native-host';
import { ensureBridge } from '../../app/engine/host/network';
import { nativeEnginePaths } from '../../app/engine/host/paths';
import { createTempHome } from '../../app/engine/host/test-support/temp-home';
import type { BenchScenario } from '../types';
import { missingUnlessRuns } from './support/requires';

async function berthColdStart(): Promise<number> {
  const home = createTempHome('bench');
  const host = new NativeHost({
    mode: 'root',
    paths: home.paths,
    network: home.network,
    cgroupParent: home.cgroupParent,
    stopTimeoutMs: 10000,
  });
  try {
    const t0 = performance.now();
    await host.start();
    return performance.now() - t0;
  } finally {
    await host.stop().catch(() => undefined);
    await home.cleanup();
  }
}

/** dockerd started by hand (fresh data-root) until /_ping answers, in ms. */
export async function byHandColdStart(): Promise<number> {
  const home = createTempHome('bench');
  const p = nativeEnginePaths(home.paths);
  const args = dockerdArgs(p, 'root', home.network, { cgroupParent: home.cgroupParent });
  mkdirSync(p.dataRoot, { recursive: true });
  mkdirSync(p.execRoot, { recursive: true });
  writeFileSync(p.daemonConfig, '{}\n');
  try {
    const t0 = performance.now();
    ensureBridge(home.network);
    const child = spawn(findBinary('dockerd')!, args, { stdio: 'ignore', detached: true });
    let exited = false;
    child.on('exit', () => (exited = true));
    while (!(await pingUnix(p.socket, 1000)).ok) {
      if (exited) throw new Error('dockerd started by hand exited during start-up');
      await new Promise((r) => setTimeout(r, 10));
    }
    const ms = performance.now() - t0;
    child.kill('SIGTERM');
    await new Promise((r) => (exited ? r(undefined) : child.once('exit', r)));
    return ms;
  } finally {
    await home.cleanup(); // also removes the bridge
  }
}

export const scenario: BenchScenario = {
  id: 'engine-cold-start',
  title: "Cold start of Berth's engine (start → /_ping)",
  goal: '≤ 1.1× dockerd by hand',
  goalRatio: 1.1,
  skip() {
    if (process.getuid?.() !== 0) return 'needs root to run a native dockerd';
    if (!findBinary('dockerd')) return 'dockerd is not installed';
    return missingUnlessRuns('ip', ['-V'], 'iproute2 (ip) is not installed');
  },
  async run(ctx) {
    const runs = ctx.quick ? 1 : 7;
    const berth: number[] = [];
    const reference: number[] = [];
    if (!ctx.quick) await berthColdStart(); // warm the page cache for dockerd/containerd binaries
    for (let i = 0; i < runs; i++) {
      // Alternate the order so drift on a shared machine hits both sides alike.
      if (i % 2) {
        reference.push(await byHandColdStart());
        berth.push(await berthColdStart());
      } else {
        berth.push(await berthColdStart());
        reference.push(await byHandColdStart());
      }
      ctx.log(`run ${i + 1}: berth ${berth.at(-1)!.toFixed(0)} ms, by hand ${reference.at(-1)!.toFixed(0)} ms`);
    }
    return { berth, reference, unit: 'ms', referenceLabel: 'dockerd by hand, same flags' };
  },
};

export default scenario;
