// What an integration test gets from the harness: the private engine and the fixture names.
import { afterAll, inject } from 'vitest';
import { runDocker } from './engine';

export function testEngine() {
  const engine = inject('engine');
  return { ...engine, docker: (args: string[], input?: string | Buffer) => runDocker(engine.host, args, input) };
}

export function fixtures() {
  return inject('fixtures');
}

/** A name no other test uses, for containers, volumes and networks. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
}

/**
 * Unique container names for a test file, `<prefix>-<what>-…`; every container so named is removed,
 * with its anonymous volumes, after the file's tests.
 */
export function containerNames(prefix: string): (what: string) => string {
  const made: string[] = [];
  afterAll(async () => {
    if (made.length) await testEngine().docker(['rm', '-f', '-v', ...made]);
  });
  return (what) => {
    const n = uniqueName(`${prefix}-${what}`);
    made.push(n);
    return n;
  };
}
