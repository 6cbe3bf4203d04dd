// The Kubernetes part of the engine, as main's handlers and streams import it: each function takes
// the cluster's config (main's kube-access.ts chooses the context) and answers in the contract's types.
export { applyManifests } from './apply';
export {
  deleteDeployment,
  deletePod,
  listNamespaces,
  podLogs,
  scaleDeployment,
  watchDeployments,
  watchPods,
} from './workloads';
