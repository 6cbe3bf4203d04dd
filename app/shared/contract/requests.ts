// Every request the UI can make, named area.verb, gathered from one file per area in areas/.
// Arguments are validated where they are received.
import type { z } from 'zod';
import type { RequestDef } from './define';
import { containerRequests } from './areas/containers';
import { containerEditRequests } from './areas/container-edit';
import { engineRequests } from './areas/engine';
import { engineConfigRequests } from './areas/engine-config';
import { objectRequests } from './areas/objects';
import { composeRequests } from './areas/compose';
import { composeFileRequests } from './areas/compose-files';
import { registryRequests } from './areas/registries';
import { hostRequests } from './areas/host';
import { vmRequests } from './areas/vm';
import { swarmRequests } from './areas/swarm';
import { kubeRequests } from './areas/kube';
import { kubePortForwardRequests } from './areas/kube-port-forward';
import { troubleshootRequests } from './areas/troubleshoot';

export { runSpec, type RunSpec } from './areas/containers';
export {
  containerEditSpec,
  type ContainerEditInput,
  type ContainerEditResult,
  type ContainerEditSpec,
} from './areas/container-edit';

export const requests = {
  ...engineRequests,
  ...engineConfigRequests,
  ...containerRequests,
  ...containerEditRequests,
  ...objectRequests,
  ...composeRequests,
  ...composeFileRequests,
  ...registryRequests,
  ...hostRequests,
  ...vmRequests,
  ...swarmRequests,
  ...kubeRequests,
  ...kubePortForwardRequests,
  ...troubleshootRequests,
};

export type Requests = typeof requests;
export type RequestName = keyof Requests;
export type RequestArgs<M extends RequestName> = z.input<Requests[M]['args']>;
export type RequestResult<M extends RequestName> = Requests[M] extends RequestDef<z.ZodType, infer R> ? R : never;
