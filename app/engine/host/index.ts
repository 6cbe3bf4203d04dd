// Engine hosting: how Berth runs, supervises, finds and chooses the container engine.
export type {
  EngineHostEvent,
  EngineFailure,
  EngineHost,
  EngineHostKind,
  EngineListener,
  EngineState,
  EngineStatus,
} from './types';
export { canTransition, EngineStateMachine, failureError } from './state-machine';
export { berthPaths, nativeEnginePaths, type BerthPaths, type NativeEnginePaths } from './paths';
export { NativeHost } from './native-host';
export { isVmHost, type VmHost } from './vm/vm-controls';
export { isAlive } from './processes';
export type { NativeEngineOptions, NativeMode } from './native-config';
export { chooseNetwork, type EngineNetwork } from './network';
export { rootlessProblems, describeRootlessProblems, type RootlessProblem } from './rootless-prereqs';
export { EngineSupervisor, defaultBackoff, type SupervisorOptions } from './supervisor';
export { detectExternalEngines, ExternalHost, type EngineCandidate } from './external-host';
export { listCandidates, type CandidateSource, type CandidateSpec } from './engine-candidates';
export { probeEngine, requireReachable, type ProbeResult } from './probe';
export { EngineSelection, type DefaultDecision, type EngineSelectionOptions, type NoEngine } from './selection';
export type { EngineChoice } from './selection-store';
export {
  diagnose,
  diagnosticChecks,
  formatDiagnostics,
  runDiagnostics,
  type CheckResult,
  type DiagnosticCheck,
  type DiagnosticContext,
  type DiagnosticOutcome,
} from './diagnostics';
export { diagnosticRows, managedEngine } from './engine-page';
export { applyDaemonConfig, checkDaemonConfig, readDaemonConfig, type DaemonConfigTarget } from './daemon-config';
export { openDiagnosticsBundle, LOG_TAIL_BYTES, type BundleContent, type BundlePart } from './diagnostics-bundle';
export { purgePreview, purgeTask, purgeTarget, type PurgeControls } from './data-purge';
