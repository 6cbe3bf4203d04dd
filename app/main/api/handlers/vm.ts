// engine.vm: the active engine's VM (resources, restart needed, disk, idle saver), and applying the
// VM settings to it when they change.
import type { VmSettings, VmState } from '../../../shared/contract/areas/vm';
import type { EngineAccess } from '../context';
import type { RequestHandlers } from '../types';

/** Gives the active VM (if any) the resources and idle time from settings; they apply at its next start. */
export async function applyVmSettings(engine: EngineAccess, vm: VmSettings): Promise<void> {
  engine.idle.setMinutes(vm.idleMinutes);
  const { idleMinutes: _, ...resources } = vm;
  await engine.vmHost()?.setResources(resources);
}

export const vmHandlers: Pick<RequestHandlers, 'engine.vm'> = {
  'engine.vm': async (_a, { engine, settings: store }): Promise<VmState | null> => {
    const host = engine.vmHost();
    if (!host) return null;
    const settings = store.get().settings.vm;
    const [plan, disk] = await Promise.all([host.restartPlan(), host.diskUsage().catch(() => undefined)]);
    return {
      kind: host.kind,
      label: host.label,
      accel: host.accelDescription(),
      settings,
      ...(plan.message ? { restartNeeded: plan.message } : {}),
      warnings: plan.warnings,
      terminalEnv: host.terminalEnv(),
      ...(disk ? { disk } : {}),
      idle: engine.idle.state(),
    };
  },
};
