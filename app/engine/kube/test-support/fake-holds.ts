// The FAKE API server's held requests (no API server can run here): a test holds the requests whose
// path matches, to act while a client waits for the answer (cancel a start under way, stop Berth),
// then releases them and they are answered as usual.

export interface Hold {
  /** Requests that arrived and wait. */
  waiting(): number;
  /** Answers the waiting requests, and no longer holds new ones. */
  release(): void;
}

export class FakeHolds {
  private readonly rules: { match: RegExp; queue: (() => void)[]; released: boolean }[] = [];

  /** Holds every request whose path matches until `release`. */
  hold(match: RegExp): Hold {
    const rule = { match, queue: [] as (() => void)[], released: false };
    this.rules.push(rule);
    return {
      waiting: () => rule.queue.length,
      release: () => {
        rule.released = true;
        for (const run of rule.queue.splice(0)) run();
      },
    };
  }

  /** True when the request waits: `run` answers it once released. */
  intercept(path: string, run: () => void): boolean {
    const rule = this.rules.find((r) => !r.released && r.match.test(path));
    if (!rule) return false;
    rule.queue.push(run);
    return true;
  }
}
