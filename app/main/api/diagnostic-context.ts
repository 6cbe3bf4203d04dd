// What the engine checks need to know about the active engine: its kind, address and data-root
// (a fixed engine given with --engine-socket counts as external).
import type { DiagnosticContext, EngineSelection } from '../../engine/host';
import type { EngineAccess } from './context';

export function diagnosticContext(engine: EngineAccess, selection: EngineSelection | undefined): DiagnosticContext {
  const status = engine.status();
  const host = selection?.active;
  const ctx: DiagnosticContext = {
    ...(status.kind !== 'none' ? { hostKind: status.kind } : {}),
    ...(host ? { address: host.address } : {}),
    ...(host?.dataRoot ? { dataRoot: host.dataRoot } : {}),
  };
  if (!selection) ctx.hostKind = 'external';
  return ctx;
}
