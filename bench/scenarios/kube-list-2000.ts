// kube.watch of pods over `berth serve`'s WebSocket with 2 000 pods, from first subscribe to the whole list in
// the client, against `kubectl get --raw` of the same list. The cluster is the FAKE API server (no API
// server can run here), so this measures Berth's side: kubeconfig, request, mapping, contract.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeKubeApiServer } from '../../app/engine/kube/test-support/fake-api-server';
import { fakePod, writeKubeconfig } from '../../app/engine/kube/test-support/kube-fixtures';
import { startTestServer } from '../../app/main/serve/test-server';
import { connectTestClient } from '../../app/main/serve/ws-test-client';
import { timeCommand } from '../measure';
import type { BenchResult, BenchScenario } from '../types';
import { missingUnlessRuns } from './support/requires';

export const scenario: BenchScenario = {
  id: 'kube-list-2000',
  title: 'kube.watch (pods) over WebSocket, 2 000 pods (fake API server)',
  goal: 'faster than kubectl get --raw',
  goalRatio: 1,
  skip: () =>
    missingUnlessRuns(
      'kubectl',
      ['version', '--client'],
      'kubectl is not installed (Debian package kubernetes-client)',
    ),
  async run(ctx): Promise<BenchResult> {
    const total = ctx.quick ? 50 : 2000;
    const fake = await FakeKubeApiServer.start();
    const dir = mkdtempSync(join(tmpdir(), 'berth-bench-kube-'));
    const saved = process.env.KUBECONFIG;
    for (let i = 0; i < total; i++)
      fake.put(
        'pods',
        fakePod('bench', `pod-${i}`, { node: `node-${i % 7}`, ip: `10.0.${i >> 8}.${i & 255}`, owner: 'rs-1' }),
      );
    const kubeconfig = writeKubeconfig(join(dir, 'config'), [{ name: 'bench', server: fake.url }]);
    process.env.KUBECONFIG = kubeconfig;
    const t = await startTestServer(ctx.engine.host);
    const c = await connectTestClient(t.base, t.server.token);
    try {
      const list = async () => {
        const start = performance.now();
        const s = c.subscribe('kube.watch', { resource: 'pods', namespace: 'bench' });
        while (!s.items.some((i) => (i as { type: string }).type === 'synced'))
          await new Promise((r) => setTimeout(r, 1));
        const ms = performance.now() - start;
        const listed = s.items.filter((i) => (i as { type: string }).type === 'upsert').length;
        if (listed !== total) throw new Error(`kube.watch listed ${listed} of ${total} pods`);
        s.close();
        return ms;
      };
      const env = { PATH: process.env.PATH, HOME: dir, KUBECONFIG: kubeconfig };
      const raw = ['get', '--raw', '/api/v1/namespaces/bench/pods'];
      await list();
      await timeCommand('kubectl', raw, env);
      const runs = ctx.quick ? 3 : 15;
      const berth: number[] = [];
      const reference: number[] = [];
      for (let i = 0; i < runs; i++) {
        berth.push(await list());
        reference.push(await timeCommand('kubectl', raw, env));
      }
      return { berth, reference, unit: 'ms', referenceLabel: `kubectl get --raw, ${total} pods` };
    } finally {
      await c.close();
      await t.close();
      await fake.close();
      if (saved === undefined) delete process.env.KUBECONFIG;
      else process.env.KUBECONFIG = saved;
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default scenario;
