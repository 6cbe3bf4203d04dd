// An upload's bytes, written to an owner-only temporary file before anything reaches the engine:
// the engine writes an archive's files as their bytes arrive, so an upload that broke off half-way
// would leave half a file behind. Only a complete upload (exactly the bytes announced) is passed on.
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** Spools `body` (exactly `size` bytes) to a temporary file, runs `use` on a stream of it, removes it. */
export async function withSpooledUpload<T>(
  body: AsyncIterable<Buffer>,
  size: number,
  signal: AbortSignal,
  use: (open: () => Readable) => Promise<T>,
): Promise<T> {
  const spool = mkdtempSync(join(tmpdir(), 'berth-upload-'));
  const spooled = join(spool, 'file');
  try {
    let seen = 0;
    async function* counted(): AsyncGenerator<Buffer> {
      for await (const chunk of body) {
        seen += chunk.length;
        if (seen > size) throw new Error(`more than the ${size} bytes announced arrived`);
        yield chunk;
      }
    }
    await pipeline(counted, createWriteStream(spooled, { mode: 0o600 }), { signal });
    if (seen !== size) throw new Error(`${seen} of the ${size} bytes announced arrived`);
    return await use(() => createReadStream(spooled));
  } finally {
    rmSync(spool, { recursive: true, force: true });
  }
}
