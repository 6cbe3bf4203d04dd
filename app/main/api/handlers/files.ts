// Files in a container: list a folder. Downloads and uploads are streams (streams/transfers.ts).
import type { RequestHandlers } from '../types';

export const fileHandlers: Pick<RequestHandlers, 'containers.files'> = {
  'containers.files': async ({ id, path }, { engine }) => (await engine.api()).containerFiles(id, path),
};
