// containers.editSpec / containers.edit / containers.composeService: one line each onto the engine facade.
import { containerComposeService } from '../../../engine/docker/compose-service';
import { containerEditSpecOf, editContainer } from '../../../engine/docker/container-edit';
import type { RequestHandlers } from '../types';

export const containerEditHandlers: Pick<
  RequestHandlers,
  'containers.editSpec' | 'containers.edit' | 'containers.composeService'
> = {
  'containers.editSpec': async ({ id }, { engine }) => containerEditSpecOf(await engine.client(), id),
  'containers.composeService': async ({ id }, { engine }) => containerComposeService(await engine.client(), id),
  'containers.edit': async ({ id, spec }, { engine }) => editContainer(await engine.client(), id, spec),
};
