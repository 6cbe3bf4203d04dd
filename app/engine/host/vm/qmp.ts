// A small client for QEMU's machine protocol (QMP) on a unix socket: the greeting, capabilities
// negotiation, then one command at a time, answers matched by id (asynchronous events are skipped).
// Berth's VM host uses it to ask a VM left by an earlier Berth whether it runs, and to shut one down
// (system_powerdown, then quit). QMP serves one client at a time, so Berth connects only for that.
import { connect, type Socket } from 'node:net';

export class QmpError extends Error {}

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };

export class QmpClient {
  private buffer = '';
  private nextId = 1;
  private readonly pending = new Map<string, Pending>();
  private greeted: Pending | undefined;
  private closedError: Error | undefined;

  private constructor(private readonly socket: Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => this.onData(chunk));
    socket.on('error', (err) => this.closeAll(new QmpError(`QMP connection failed: ${err.message}`)));
    socket.on('close', () => this.closeAll(new QmpError('QEMU closed the QMP connection')));
  }

  /** Connects to `path` and negotiates capabilities; rejects after `timeoutMs`. */
  static async connect(path: string, timeoutMs = 3000): Promise<QmpClient> {
    const socket = connect(path);
    const client = new QmpClient(socket);
    const timer = setTimeout(
      () => client.closeAll(new QmpError(`QEMU did not answer on ${path} within ${timeoutMs} ms`)),
      timeoutMs,
    );
    try {
      await new Promise((resolve, reject) => (client.greeted = { resolve, reject }));
      await client.execute('qmp_capabilities');
      return client;
    } catch (err) {
      client.close();
      throw err;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Runs one command; resolves with its `return` value, rejects with QEMU's error description. */
  execute<T = unknown>(command: string, args?: Record<string, unknown>): Promise<T> {
    if (this.closedError) return Promise.reject(this.closedError);
    const id = String(this.nextId++);
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.socket.write(`${JSON.stringify({ execute: command, id, ...(args ? { arguments: args } : {}) })}\n`);
    });
  }

  close(): void {
    this.socket.destroy();
  }

  private onData(chunk: string): void {
    this.buffer += chunk;
    let nl: number;
    while ((nl = this.buffer.indexOf('\n')) >= 0) {
      const line = this.buffer.slice(0, nl).trim();
      this.buffer = this.buffer.slice(nl + 1);
      if (line) this.onMessage(line);
    }
    if (this.buffer.length > 1 << 20) this.closeAll(new QmpError('QEMU sent a QMP message larger than 1 MiB'));
  }

  private onMessage(line: string): void {
    let msg: { QMP?: unknown; id?: unknown; return?: unknown; error?: { desc?: string; class?: string } };
    try {
      msg = JSON.parse(line) as typeof msg;
    } catch {
      return;
    }
    if (msg.QMP !== undefined) {
      this.greeted?.resolve(undefined);
      this.greeted = undefined;
      return;
    }
    const waiter = typeof msg.id === 'string' ? this.pending.get(msg.id) : undefined;
    if (!waiter) return; // an event, or an answer nobody waits for
    this.pending.delete(msg.id as string);
    if (msg.error) waiter.reject(new QmpError(msg.error.desc ?? msg.error.class ?? 'QMP command failed'));
    else waiter.resolve(msg.return);
  }

  private closeAll(err: Error): void {
    if (this.closedError) return;
    this.closedError = err;
    this.greeted?.reject(err);
    this.greeted = undefined;
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
    this.socket.destroy();
  }
}

/**
 * Opens QMP on `path`, runs `fn`, and closes; `ok: false` with the reason when QEMU does not answer
 * (each of connecting and `fn` gets `timeoutMs`).
 */
export async function withQmp<T>(
  path: string,
  fn: (qmp: QmpClient) => Promise<T>,
  timeoutMs = 3000,
): Promise<{ ok: true; value: T } | { ok: false; error: string }> {
  let qmp: QmpClient | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    qmp = await QmpClient.connect(path, timeoutMs);
    const client = qmp;
    timer = setTimeout(() => client.close(), timeoutMs);
    return { ok: true, value: await fn(client) };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  } finally {
    if (timer) clearTimeout(timer);
    qmp?.close();
  }
}
