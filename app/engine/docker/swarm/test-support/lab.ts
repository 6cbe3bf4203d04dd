// For swarm integration tests: the harness's swarm lab with a facade client on each node, the busybox
// fixture's service settings, and waiting for the swarm to converge.
import { serviceSpec, type ServiceSpecInput, type ServiceSpecValue } from '../../../../shared/contract/areas/swarm';
import { startSwarmLab, type SwarmLab } from '../../../../../harness/swarm-lab';
import { BUSYBOX } from '../../../../../harness/fixtures';
import { connectEngine, parseEngineAddress } from '../../client';
import { swarmApi, type SwarmApi } from '..';

export interface LabNodeApi {
  api: SwarmApi;
  addr: string;
  docker: SwarmLab['nodes'][number]['engine']['docker'];
  socket: string;
}

export interface Lab {
  lab: SwarmLab;
  nodes: LabNodeApi[];
  addNode(): Promise<LabNodeApi>;
  stop(): Promise<void>;
}

export async function startLab(nodes = 1): Promise<Lab> {
  const lab = await startSwarmLab(nodes);
  const wrap = async (n: SwarmLab['nodes'][number]): Promise<LabNodeApi> => ({
    api: swarmApi(await connectEngine(parseEngineAddress(n.engine.host))),
    addr: n.addr,
    docker: n.engine.docker,
    socket: n.engine.socket,
  });
  const out: Lab = {
    lab,
    nodes: await Promise.all(lab.nodes.map(wrap)),
    async addNode() {
      const n = await wrap(await lab.addNode());
      out.nodes.push(n);
      return n;
    },
    stop: () => lab.stop(),
  };
  return out;
}

/** A service of the busybox fixture with the contract's defaults, as the form would send it. */
export function busyboxService(name: string, over: Partial<ServiceSpecInput> = {}): ServiceSpecValue {
  return serviceSpec.parse({
    name,
    image: BUSYBOX,
    command: ['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 1; done'],
    restart: { condition: 'any', delaySeconds: 0.2 },
    update: { monitorSeconds: 1 },
    rollback: { monitorSeconds: 1 },
    ...over,
  });
}

/** Polls `probe` until `done` says yes (tests may poll; Berth itself follows engine events). */
export async function until<T>(
  probe: () => Promise<T>,
  done: (v: T) => boolean,
  what: string,
  ms = 60_000,
): Promise<T> {
  const end = Date.now() + ms;
  let last: T | undefined;
  while (Date.now() < end) {
    last = await probe();
    if (done(last)) return last;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`Timed out after ${ms} ms waiting for ${what}; last seen: ${JSON.stringify(last)?.slice(0, 2000)}`);
}
