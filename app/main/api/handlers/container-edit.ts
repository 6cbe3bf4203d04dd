// containers.editSpec / containers.edit: one line each onto the engine facade.
import { containerEditSpecOf, editContainer } from '../../../engine/docker/container-edit';
import type { RequestHandlers } from '../types';

export const containerEditHandlers: Pick<RequestHandlers, 'containers.editSpec' | 'containers.edit'> = {
  'containers.editSpec': async ({ id }, { engine }) => containerEditSpecOf(await engine.client(), id),
  'containers.edit': async ({ id, spec }, { engine }) => editContainer(await engine.client(), id, spec),
};
