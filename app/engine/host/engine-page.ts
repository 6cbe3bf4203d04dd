// The host's part of the Engine page, in the contract's types: the diagnostics rows, and what Berth
// can run itself on this machine (its own engine, and which kind).
import type { DiagnosticRow, EngineChoices } from '../../shared/contract/areas/system';
import { findBinary } from './binaries';
import { diagnosticChecks, runDiagnostics, type DiagnosticContext } from './diagnostics';
import { defaultMode } from './native-config';
import { vmKindFor } from './selection';
import { linuxVmAvailability } from './vm/qemu-availability';

export async function diagnosticRows(ctx: DiagnosticContext): Promise<DiagnosticRow[]> {
  return (await runDiagnostics(diagnosticChecks(ctx))).map((o) => ({
    id: o.id,
    title: o.title,
    status: o.status,
    detail: o.detail,
    ...(o.fix ? { fix: o.fix } : {}),
  }));
}

/** Whether Berth can run an engine of its own here, and which kind it would be. */
export function managedEngine(): Pick<EngineChoices, 'managedAvailable' | 'managedKind' | 'linuxVm'> {
  return {
    managedAvailable: findBinary('dockerd') !== undefined,
    managedKind: vmKindFor(process.platform) ?? (defaultMode() === 'root' ? 'native' : 'rootless'),
    ...(process.platform === 'linux' ? { linuxVm: linuxVmAvailability() } : {}),
  };
}
