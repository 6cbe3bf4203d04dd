// One exec session: an xterm Terminal, its addons and its subscription. Lives outside React (in
// the terminal store) so it survives tab and page switches; views attach and detach its element.
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import type { SubscriptionData, SubscriptionInput } from '../../../../../../shared/contract';
import type { BerthClient, StreamCallbacks, StreamHandle } from '../../../../api/client';
import { OutputPump } from './flow';
import { isMacPlatform, splitInput, terminalKeyAction } from './keys';
import { readFont, readXtermTheme } from './xterm-theme';

export type SessionStatus = 'connecting' | 'open' | 'ended' | 'error';

export interface SessionState {
  status: SessionStatus;
  shell?: string;
  exitCode?: number | null;
  error?: string;
}

export interface ConnectOptions {
  shell?: string;
  user?: string;
}

/**
 * How a session opens its stream, when it is not its container's exec or debug shell (a pod's
 * terminal): the same items and inputs, started at the terminal's size.
 */
export type OpenStream = (
  client: BerthClient,
  size: { cols: number; rows: number },
  opts: ConnectOptions,
  handlers: StreamCallbacks<SubscriptionData<'containers.exec'>>,
) => StreamHandle<SubscriptionInput<'containers.exec'>>;

export interface SessionHooks {
  onState(s: SessionState): void;
  /** A sentence for the status line (e.g. clipboard problems). */
  onNotice(text: string): void;
  /** Ctrl+Shift+F / Cmd+F in the terminal. */
  onFind(): void;
}

const mac = typeof navigator !== 'undefined' && isMacPlatform(navigator.platform || navigator.userAgent);
const utf8 = new TextEncoder();

/** xterm's "binary" strings (mouse reports in some modes) hold one byte per character. */
function binaryBytes(data: string): Uint8Array {
  const out = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = data.charCodeAt(i) & 0xff;
  return out;
}

export class TerminalSession {
  readonly term: Terminal;
  readonly fit = new FitAddon();
  readonly search = new SearchAddon();
  /** The element xterm draws into; moved between views, never re-created. */
  readonly host: HTMLDivElement;
  private opened = false;
  private handle: StreamHandle<SubscriptionInput<'containers.exec'>> | undefined;
  private pump: OutputPump;
  private state: SessionState = { status: 'connecting' };
  private pendingConnect: { client: BerthClient; opts: ConnectOptions } | undefined;
  hooks: SessionHooks;

  constructor(
    readonly containerId: string,
    readonly number: number,
    hooks: SessionHooks,
    /** A debug shell (busybox beside the container) rather than a shell inside it. */
    readonly debug = false,
    private readonly open?: OpenStream,
  ) {
    this.hooks = hooks;
    this.term = new Terminal({
      allowProposedApi: true,
      // A steady cursor: xterm blinks with an endless CSS animation, which keeps Chromium drawing
      // every frame and delays each keystroke's echo by about a frame (measured: ≈ 30 → ≈ 7 ms).
      cursorBlink: false,
      fontFamily: readFont(),
      fontSize: 13,
      scrollback: 5000,
      theme: readXtermTheme(),
    });
    this.term.loadAddon(this.fit);
    this.term.loadAddon(this.search);
    this.pump = new OutputPump({ write: (d, done) => this.term.write(d, done) });
    this.host = document.createElement('div');
    this.host.className = 'term-host';
    this.term.onData((d) => this.send(d));
    this.term.onBinary((d) => this.sendBytes(binaryBytes(d)));
    this.term.onResize(({ cols, rows }) => this.resized(cols, rows));
    this.term.attachCustomKeyEventHandler((e) => this.onKey(e));
  }

  get current(): SessionState {
    return this.state;
  }

  private setState(s: SessionState): void {
    this.state = s;
    this.hooks.onState(s);
  }

  /** Keystrokes and pastes go out at once, also while connecting: the server keeps them until the exec runs. */
  private send(data: string): void {
    if (data.includes('\x03')) this.pump.interrupt();
    for (const part of splitInput(data)) this.sendBytes(utf8.encode(part));
  }

  private sendBytes(data: Uint8Array): void {
    if (!this.handle || this.state.status === 'ended' || this.state.status === 'error') return;
    this.handle.input({ type: 'bytes', data });
  }

  private resized(cols: number, rows: number): void {
    if (this.handle && this.state.status === 'open') this.handle.input({ type: 'resize', cols, rows });
  }

  private onKey(e: KeyboardEvent): boolean {
    const action = terminalKeyAction(e, mac);
    if (!action) return true;
    if (action === 'copy') {
      e.preventDefault();
      void this.copy();
    } else if (action === 'find') {
      e.preventDefault();
      this.hooks.onFind();
    } else if (action === 'leave') {
      // the view moves focus out (TerminalView); the shell never sees the chord
      e.preventDefault();
    }
    // paste: let the browser's own paste event reach xterm (works without clipboard permission)
    return false;
  }

  async copy(): Promise<void> {
    const text = this.term.getSelection();
    if (!text) {
      this.hooks.onNotice('Select text in the terminal first.');
      return;
    }
    try {
      await navigator.clipboard.writeText(text);
      this.hooks.onNotice('Copied.');
    } catch {
      this.hooks.onNotice('Could not copy: the clipboard is not available here.');
    }
    this.term.focus();
  }

  async paste(): Promise<void> {
    try {
      const text = await navigator.clipboard.readText();
      if (text) this.term.paste(text);
    } catch {
      this.hooks.onNotice(
        `Berth may not read the clipboard here; press ${mac ? 'Cmd+V' : 'Ctrl+Shift+V'} in the terminal instead.`,
      );
    }
    this.term.focus();
  }

  clear(): void {
    this.term.clear();
    this.term.focus();
  }

  connect(client: BerthClient, opts: ConnectOptions): void {
    this.handle?.close();
    this.handle = undefined;
    this.setState({ status: 'connecting' });
    // Start the shell at the panel's real size: wait until the terminal is first shown and fitted.
    if (!this.opened) {
      this.pendingConnect = { client, opts };
      return;
    }
    const args = {
      id: this.containerId,
      cols: this.term.cols,
      rows: this.term.rows,
      ...(opts.shell ? { shell: opts.shell } : {}),
      ...(opts.user ? { user: opts.user } : {}),
    };
    const handlers: StreamCallbacks<SubscriptionData<'containers.exec'>> = {
      onData: (items) => {
        if (this.handle !== handle) return;
        for (const it of items) {
          if (it.type === 'bytes') this.pump.push(it.data);
          else if (it.type === 'started') {
            this.setState({ status: 'open', ...(it.shell ? { shell: it.shell } : {}) });
            // The panel may have changed size while connecting.
            if (this.term.cols !== args.cols || this.term.rows !== args.rows)
              handle.input({ type: 'resize', cols: this.term.cols, rows: this.term.rows });
          } else if (it.type === 'exit') {
            this.setState({ ...this.state, status: 'ended', exitCode: it.exitCode });
            const code = it.exitCode === null ? 'unknown' : String(it.exitCode);
            this.term.write(`\r\n\x1b[0m\x1b[2m[Session ended with exit code ${code}]\x1b[0m\r\n`);
          }
        }
        // Held acknowledgement = the server pauses this stream until xterm has caught up.
        return this.pump.backpressure();
      },
      onEnd: (err) => {
        if (this.handle !== handle) return;
        this.handle = undefined;
        if (err) {
          this.setState({ ...this.state, status: 'error', error: err.message });
          this.term.write(`\r\n\x1b[0m\x1b[2m[${err.message}]\x1b[0m\r\n`);
        } else if (this.state.status !== 'ended') this.setState({ ...this.state, status: 'ended' });
      },
      onRestart: () => {
        this.term.write('\r\n\x1b[0m\x1b[2m[Connection to Berth restored: this is a new shell]\x1b[0m\r\n');
      },
      onInputError: (err) => this.hooks.onNotice(err.message),
    };
    const handle = this.open
      ? this.open(client, { cols: args.cols, rows: args.rows }, opts, handlers)
      : this.debug
        ? client.subscribe('containers.debug', { id: args.id, cols: args.cols, rows: args.rows }, handlers)
        : client.subscribe('containers.exec', args, handlers);
    this.handle = handle;
  }

  /** Shows the terminal inside `parent` (creating xterm's DOM the first time). */
  attach(parent: HTMLElement): void {
    if (this.host.parentElement !== parent) parent.appendChild(this.host);
    if (!this.opened) {
      this.term.open(this.host);
      this.opened = true;
    }
    this.fitNow();
    const pending = this.pendingConnect;
    this.pendingConnect = undefined;
    if (pending) this.connect(pending.client, pending.opts);
  }

  detach(): void {
    this.host.remove();
  }

  fitNow(): void {
    if (!this.opened || !this.host.isConnected || this.host.clientWidth === 0 || this.host.clientHeight === 0) return;
    try {
      this.fit.fit();
    } catch {
      // not measurable yet (hidden); the next resize fits it
    }
  }

  applyTheme(): void {
    this.term.options.theme = readXtermTheme();
  }

  dispose(): void {
    this.pendingConnect = undefined;
    this.handle?.close();
    this.handle = undefined;
    this.host.remove();
    this.term.dispose();
  }
}
