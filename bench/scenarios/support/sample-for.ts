// Runs Berth's list stats sampler over `ids` at 1 Hz for a while, as the stats scenarios measure it.
import type { EngineClient } from '../../../app/engine/docker/client';
import { StatsSampler, type StatsSamplerOptions } from '../../../app/engine/docker/stats-sampler';
import type { BenchContext } from '../../types';

/** A function that samples `ids` once a second for `seconds`, then logs how many samples came. */
export function sampleFor(
  ctx: BenchContext,
  client: EngineClient,
  ids: string[],
  seconds: number,
  opts: StatsSamplerOptions,
): () => Promise<void> {
  return async () => {
    const sampler = new StatsSampler(client, { intervalMs: 1000, ...opts });
    let rows = 0;
    const off = sampler.subscribe(ids, (batch) => (rows += batch.length));
    await new Promise((r) => setTimeout(r, seconds * 1000));
    off();
    sampler.close();
    ctx.log(`  ${rows} samples delivered`);
  };
}
