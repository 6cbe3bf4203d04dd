// `berth diagnose`: runs the engine checks for the active engine choice and prints what to fix.
import { diagnosticChecks, formatDiagnostics, runDiagnostics } from '../engine/host/diagnostics';
import { EngineSelection } from '../engine/host/selection';

export async function runDiagnose(): Promise<number> {
  const selection = new EngineSelection();
  const choice = await selection.resolve();
  const host = choice.kind === 'none' ? undefined : selection.createHost(choice);
  if (choice.kind === 'none') process.stdout.write(`${choice.message}\n${choice.fix}\n\n`);
  const outcomes = await runDiagnostics(
    diagnosticChecks(
      host
        ? {
            hostKind: host.kind,
            address: host.address,
            ...(host.kind !== 'external' ? { dataRoot: selection.paths.data } : {}),
          }
        : {},
    ),
  );
  process.stdout.write(`${formatDiagnostics(outcomes)}\n`);
  return outcomes.some((o) => o.status === 'failed') ? 1 : 0;
}
