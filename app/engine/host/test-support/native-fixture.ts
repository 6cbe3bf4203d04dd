// For integration tests: NativeHosts in throw-away homes, each with a unique bridge/pool/cgroup parent,
// all stopped and wiped in teardown() even when the test failed.
import { runDocker } from '../../../../harness/engine';
import { NativeHost } from '../native-host';
import type { NativeEngineOptions } from '../native-config';
import type { EngineHostEvent } from '../types';
import { createTempHome, type TempHome } from './temp-home';

export interface NativeUnderTest {
  host: NativeHost;
  home: TempHome;
  events: EngineHostEvent[];
  docker(args: string[], input?: string | Buffer): ReturnType<typeof runDocker>;
}

export function nativeFixture() {
  const made: NativeUnderTest[] = [];
  return {
    create(opts: NativeEngineOptions = {}, label = 'host'): NativeUnderTest {
      const home = createTempHome(label);
      const host = new NativeHost({
        mode: 'root',
        network: home.network,
        cgroupParent: home.cgroupParent,
        stopTimeoutMs: 10000,
        ...opts,
        paths: opts.paths ?? home.paths,
      });
      const events: EngineHostEvent[] = [];
      host.subscribe((e) => events.push(e));
      const t: NativeUnderTest = {
        host,
        home,
        events,
        docker: (args, input) => runDocker(`unix://${host.paths.socket}`, args, input),
      };
      made.push(t);
      return t;
    },
    async teardown(): Promise<void> {
      for (const t of made.splice(0)) {
        await t.host.stop().catch(() => undefined);
        await t.home.cleanup();
      }
    },
  };
}

/** Waits until `pred` holds, polling; throws with `what` after `ms`. */
export async function waitFor(pred: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await pred()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`Timed out after ${ms} ms waiting for ${what}`);
}
