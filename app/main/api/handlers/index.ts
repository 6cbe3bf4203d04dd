// Every request handler, one per contract entry (the type makes a missing one a compile error).
import type { RequestHandlers } from '../types';
import { containerHandlers } from './containers';
import { containerEditHandlers } from './container-edit';
import { engineHandlers } from './engine';
import { engineConfigHandlers } from './engine-config';
import { fileHandlers } from './files';
import { hostHandlers } from './host';
import { imageHandlers } from './images';
import { objectHandlers } from './objects';
import { composeHandlers } from './compose';
import { composeFileHandlers } from './compose-files';
import { registryHandlers } from './registries';
import { vmHandlers } from './vm';
import { swarmHandlers } from './swarm';
import { kubeHandlers } from './kube';
import { kubePortForwardHandlers } from './kube-port-forward';
import { troubleshootHandlers } from './troubleshoot';

export const handlers: RequestHandlers = {
  ...engineHandlers,
  ...engineConfigHandlers,
  ...containerHandlers,
  ...containerEditHandlers,
  ...fileHandlers,
  ...hostHandlers,
  ...imageHandlers,
  ...objectHandlers,
  ...composeHandlers,
  ...composeFileHandlers,
  ...registryHandlers,
  ...vmHandlers,
  ...swarmHandlers,
  ...kubeHandlers,
  ...kubePortForwardHandlers,
  ...troubleshootHandlers,
};
