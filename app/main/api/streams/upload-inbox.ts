// The server's end of an upload: chunks from the client go into `body` (a stream the engine call
// reads) in order; each one is reported `received` once `body` has taken it, which is the client's
// cue to send more. A client that sends ahead of its window, or more or fewer bytes than it
// announced, ends the upload with a sentence; memory per upload stays within the window.
import { PassThrough } from 'node:stream';
import {
  UPLOAD_WINDOW_CHUNKS,
  TRANSFER_CHUNK_BYTES,
  type UploadInput,
  type UploadItem,
} from '../../../shared/contract';
import { BerthError } from '../../../shared/errors';
import { AsyncQueue } from '../async-queue';

export class UploadInbox<R> {
  /** The uploaded bytes, in order, as the engine call reads them. */
  readonly body = new PassThrough({ highWaterMark: 2 * TRANSFER_CHUNK_BYTES });
  private readonly items = new AsyncQueue<UploadItem<R>>();
  private taken = 0;
  private received = 0;
  private unconfirmed = 0;
  private ended = false;

  constructor(
    private readonly size: number,
    signal: AbortSignal,
  ) {
    this.items.push({ type: 'ready' });
    signal.addEventListener('abort', () => this.body.destroy(), { once: true });
  }

  /** One message from the client. Never throws: a broken upload ends its stream with the reason. */
  input(msg: UploadInput): void {
    if (this.ended) return this.fail('the upload had already ended');
    if (msg.type === 'end') {
      if (this.taken !== this.size)
        return this.fail(`it ended after ${this.taken} of the ${this.size} bytes announced`);
      this.ended = true;
      this.body.end();
      return;
    }
    const chunk = msg.data;
    if (this.taken + chunk.length > this.size) return this.fail(`more than the ${this.size} bytes announced arrived`);
    if (this.unconfirmed >= UPLOAD_WINDOW_CHUNKS)
      return this.fail(`the page sent more than ${UPLOAD_WINDOW_CHUNKS} chunks ahead of what Berth had taken`);
    this.taken += chunk.length;
    this.unconfirmed++;
    this.body.write(chunk, (err) => {
      this.unconfirmed--;
      if (err) return;
      this.received += chunk.length;
      this.items.push({ type: 'received', bytes: this.received });
    });
  }

  /** The stream's items: `ready`, `received` …, then `done` with what `work` returns, or its error. */
  outcome(work: Promise<R>): AsyncIterable<UploadItem<R>> {
    work.then(
      (result) => {
        this.items.push({ type: 'done', result });
        this.items.end();
      },
      (err: unknown) => {
        this.body.destroy();
        this.items.fail(err);
      },
    );
    return this.items;
  }

  private fail(why: string): void {
    const err = new BerthError({ kind: 'invalid', message: `The upload was stopped: ${why}. Try it again.` });
    this.ended = true;
    this.body.destroy(err);
    this.items.fail(err);
  }
}
