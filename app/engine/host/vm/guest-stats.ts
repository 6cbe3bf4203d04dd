// Container stats from Berth's VM in one request: "stats SEQ ID…" on the control port (virtio-serial
// org.berth.control), which the guest's berth-guest-control answers with berth_cgroup_dump's output —
// every requested container's cgroup and network counters, read in one pass without starting a process
// or asking dockerd — between "==> berth-stats SEQ <==" and "==> berth-stats-end SEQ <==".
//
// Why the control port and not a second service on the engine's mutual-TLS port: the port already
// exists, only Berth reaches it (a unix socket in the owner-only data dir; in the VM a root-only device
// no container gets), the guest needs no TLS server, no extra forwarded port and no new package, and a
// bash process that reads files costs a VM under software emulation far less than a process per sample.
//
// One request at a time. An answer that does not come within the time limit fails its request (the
// sampler then asks the engine); a late answer is told apart by its SEQ and dropped.
import { GuestClock, readDumpAnswer, type BulkStatsSource } from '../../docker/stats-dump';
import type { RawCounters } from '../../docker/stats';

const HEX_ID = /^[0-9a-f]{64}$/;
/** An answer larger than this is not one (about 2 KB per container). */
const MAX_ANSWER = 16 * 1024 * 1024;

interface Pending {
  seq: number;
  resolve(text: string): void;
  reject(err: Error): void;
}

export class GuestStatsChannel implements BulkStatsSource {
  readonly label = "Berth's VM (control port)";
  private readonly clock = new GuestClock();
  private seq = 0;
  private buf = '';
  private pending: Pending | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  /** @param write writes one line on the control port; false when the port is not held. */
  constructor(
    private readonly write: (line: string) => boolean,
    private readonly timeoutMs = 10000,
  ) {}

  /** Bytes the guest wrote on the control port. */
  onData(b: Buffer): void {
    const p = this.pending;
    if (!p) return; // nothing asked: a late answer, dropped
    this.buf += b.toString('utf8');
    if (this.buf.length > MAX_ANSWER) {
      this.buf = '';
      return p.reject(new Error(`Berth's VM sent more than ${MAX_ANSWER} bytes of stats.`));
    }
    const begin = `==> berth-stats ${p.seq} <==\n`;
    const end = `==> berth-stats-end ${p.seq} <==\n`;
    const b0 = this.buf.indexOf(begin);
    if (b0 < 0) {
      // Keep only what could still be the start of the marker.
      this.buf = this.buf.slice(-begin.length);
      return;
    }
    const e0 = this.buf.indexOf(end, b0);
    if (e0 < 0) return;
    const text = this.buf.slice(b0 + begin.length, e0);
    this.buf = this.buf.slice(e0 + end.length);
    p.resolve(text);
  }

  read(ids: readonly string[], signal?: AbortSignal): Promise<Map<string, RawCounters>> {
    const full = ids.filter((id) => HEX_ID.test(id));
    const run = this.queue.then(() => this.request(full, signal));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private request(ids: string[], signal?: AbortSignal): Promise<Map<string, RawCounters>> {
    if (!ids.length) return Promise.resolve(new Map());
    if (signal?.aborted) return Promise.reject(new Error('Stats request cancelled.'));
    const seq = ++this.seq;
    this.buf = '';
    return new Promise<string>((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        if (this.pending?.seq === seq) this.pending = undefined;
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`Berth's VM did not answer a stats request within ${this.timeoutMs / 1000} s.`));
      }, this.timeoutMs);
      const onAbort = () => {
        done();
        reject(new Error('Stats request cancelled.'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.pending = {
        seq,
        resolve: (t) => {
          done();
          resolve(t);
        },
        reject: (e) => {
          done();
          reject(e);
        },
      };
      if (!this.write(`stats ${seq} ${ids.join(' ')}\n`))
        this.pending.reject(new Error("Berth's VM control port is not open."));
    }).then((text) => readDumpAnswer(text, this.clock));
  }
}
