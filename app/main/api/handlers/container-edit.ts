// containers.editSpec / containers.edit / containers.composeService: one line each onto the engine facade.
import type { RequestHandlers } from '../types';

export const containerEditHandlers: Pick<
  RequestHandlers,
  'containers.editSpec' | 'containers.edit' | 'containers.composeService'
> = {
  'containers.editSpec': async ({ id }, { engine }) => (await engine.api()).containerEditSpec(id),
  'containers.composeService': async ({ id }, { engine }) => (await engine.api()).containerComposeService(id),
  'containers.edit': async ({ id, spec }, { engine }) => (await engine.api()).editContainer(id, spec),
};
