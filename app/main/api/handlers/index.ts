// Every request handler, one per contract entry (the type makes a missing one a compile error).
import type { RequestHandlers } from '../types';
import { containerHandlers } from './containers';
import { engineHandlers } from './engine';
import { fileHandlers } from './files';
import { hostHandlers } from './host';
import { imageHandlers } from './images';
import { objectHandlers } from './objects';
import { composeHandlers } from './compose';
import { registryHandlers } from './registries';
import { vmHandlers } from './vm';
import { kubeHandlers } from './kube';

export const handlers: RequestHandlers = {
  ...engineHandlers,
  ...containerHandlers,
  ...fileHandlers,
  ...hostHandlers,
  ...imageHandlers,
  ...objectHandlers,
  ...composeHandlers,
  ...registryHandlers,
  ...vmHandlers,
  ...kubeHandlers,
};
