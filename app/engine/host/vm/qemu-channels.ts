// The two sockets Berth holds to its running VM: the console (the guest's serial output, written into
// Berth's VM log) and the control port (virtio-serial org.berth.control: "stop", stats requests and
// their answers (guest-stats.ts), and — by being held — Berth's presence, which the guest's orphan
// watchdog counts on). QEMU serves both as unix sockets
// under Berth's data dir, so a later Berth can take them over.
import { connect, type Socket } from 'node:net';
import { sleep } from '../processes';
import type { QemuRuntimeFiles } from './qemu-command';

/** Connects to a unix socket QEMU serves, retrying while it is being created; undefined if `gone()` first. */
export async function connectWhenReady(
  path: string,
  gone: () => boolean,
  timeoutMs = 10000,
): Promise<Socket | undefined> {
  const end = Date.now() + timeoutMs;
  while (!gone() && Date.now() < end) {
    const s = await new Promise<Socket | undefined>((resolve) => {
      const sock = connect(path);
      sock.once('connect', () => resolve(sock));
      sock.once('error', () => resolve(undefined));
    });
    if (s) {
      s.on('error', () => undefined);
      return s;
    }
    await sleep(20);
  }
  return undefined;
}

export class GuestChannels {
  private console: Socket | undefined;
  private control: Socket | undefined;
  private closed = false;

  /**
   * @param gone whether the VM is gone (stop connecting)
   * @param onControlLost the control port closed while these channels were open (the VM ended, or
   *   QEMU dropped the connection)
   * @param onControlData what the guest writes on the control port (answers to stats requests)
   */
  constructor(
    private readonly files: QemuRuntimeFiles,
    private readonly gone: () => boolean,
    private readonly onConsole: (b: Buffer) => void,
    private readonly onControlLost: () => void,
    private readonly onControlData?: (b: Buffer) => void,
  ) {}

  /** The console first (so little output is missed), then the control port. */
  async open(): Promise<void> {
    const con = await connectWhenReady(this.files.console, this.gone);
    if (con && !this.closed) {
      this.console = con;
      con.on('data', this.onConsole);
    } else con?.destroy();
    await this.holdControl();
  }

  /** Connects the control port (again); false when the VM is gone. */
  async holdControl(): Promise<boolean> {
    const control = await connectWhenReady(this.files.control, this.gone);
    if (!control || this.closed) {
      control?.destroy();
      return false;
    }
    this.control = control;
    if (this.onControlData) control.on('data', this.onControlData);
    control.on('close', () => {
      if (this.control !== control || this.closed) return;
      this.control = undefined;
      this.onControlLost();
    });
    return true;
  }

  /** Writes "stop" on the control port: the guest shuts down cleanly. False when the port is not held. */
  sendStop(): Promise<boolean> {
    const control = this.control;
    if (!control || control.destroyed) return Promise.resolve(false);
    return new Promise((resolve) => control.write('stop\n', (err) => resolve(!err)));
  }

  /** Writes one line on the control port; false when the port is not held. */
  writeControl(line: string): boolean {
    const control = this.control;
    if (!control || control.destroyed) return false;
    control.write(line);
    return true;
  }

  /** Waits up to `ms` for QEMU to close the console (it has written everything then). */
  async drained(ms: number): Promise<void> {
    const con = this.console;
    if (!con || con.destroyed) return;
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, ms);
      con.once('close', () => {
        clearTimeout(t);
        resolve();
      });
    });
  }

  close(): void {
    this.closed = true;
    this.control?.destroy();
    this.console?.destroy();
    this.control = undefined;
    this.console = undefined;
  }
}
