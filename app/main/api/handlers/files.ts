// Files in a container: list a folder, download a file (its bytes) or a folder (a tar), upload a file.
import { posix } from 'node:path';
import {
  containerArchive,
  listContainerDir,
  readContainerFile,
  statContainerPath,
  uploadToContainer,
} from '../../../engine/docker/container-files';
import { BerthError } from '../../../shared/errors';
import type { RequestHandlers } from '../types';

/** Largest download carried in one reply; bigger folders need the archive streamed (not yet offered). */
const MAX_DOWNLOAD = 64 * 1024 * 1024;

export const fileHandlers: Pick<RequestHandlers, 'containers.files' | 'containers.download' | 'containers.upload'> = {
  'containers.files': async ({ id, path }, { engine }) =>
    (await listContainerDir(await engine.client(), id, path)).entries,
  'containers.download': async ({ id, path }, { engine, signal }) => {
    const client = await engine.client();
    const st = await statContainerPath(client, id, path);
    const base = posix.basename(path) || 'root';
    if (st.type !== 'dir') {
      const file = await readContainerFile(client, id, path, { maxBytes: MAX_DOWNLOAD });
      return { name: base, base64: file.base64, size: file.size };
    }
    const stream = await containerArchive(client, id, path, signal);
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of stream) {
        size += (chunk as Buffer).length;
        if (size > MAX_DOWNLOAD)
          throw new BerthError({
            kind: 'invalid',
            field: 'path',
            message: `The folder "${path}" is larger than ${MAX_DOWNLOAD / 1024 / 1024} MB; download a smaller folder or single files.`,
          });
        chunks.push(chunk as Buffer);
      }
    } finally {
      stream.destroy();
    }
    const tar = Buffer.concat(chunks);
    return { name: `${base}.tar`, base64: tar.toString('base64'), size: tar.length };
  },
  'containers.upload': async ({ id, dir, name, base64 }, { engine }) => {
    await uploadToContainer(await engine.client(), id, dir, { name, content: base64 });
  },
};
