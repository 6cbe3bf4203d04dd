// The Kubernetes part of the engine, as main's handlers and streams import it: each function takes
// the cluster's config (main's kube-access.ts chooses the context) and answers in the contract's types.
// Everything the workloads, apply and describe modules export is here, so a new kube function needs no line in
// this file.
export * from './workloads';
export * from './apply';
export * from './describe';
export * from './exec';
export * from './rollout';
export * from './jobs';
export * from './workload-logs';
export { setMembers } from './members';
export { KubeClusters } from './clusters';
export { PortForwards, type StartForward } from './port-forward';
export { forwardablePorts } from './port-forward-target';
