import { describe, expect, it } from 'vitest';
import type { IncomingMessage } from 'node:http';
import { allowedHosts, hostAllowed, isLoopback, originAllowed, tokenMatches } from './security';

const req = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

describe('serve security checks', () => {
  it('accepts loopback names for a loopback server and nothing else', () => {
    const hosts = allowedHosts('127.0.0.1', 8123);
    expect(hostAllowed(req({ host: 'localhost:8123' }), hosts)).toBe(true);
    expect(hostAllowed(req({ host: '127.0.0.1:8123' }), hosts)).toBe(true);
    expect(hostAllowed(req({ host: 'attacker.example:8123' }), hosts)).toBe(false);
    expect(hostAllowed(req({ host: '127.0.0.1:9999' }), hosts)).toBe(false);
    expect(hostAllowed(req({}), hosts)).toBe(false);
  });

  it('accepts only its own origin for sockets', () => {
    const hosts = allowedHosts('127.0.0.1', 8123);
    expect(originAllowed(req({ origin: 'http://127.0.0.1:8123' }), hosts)).toBe(true);
    expect(originAllowed(req({ origin: 'http://evil.example' }), hosts)).toBe(false);
    expect(originAllowed(req({ origin: 'null' }), hosts)).toBe(false);
    expect(originAllowed(req({}), hosts)).toBe(false);
  });

  it('compares tokens in constant time and refuses empty ones', () => {
    expect(tokenMatches('abc', 'abc')).toBe(true);
    expect(tokenMatches('abd', 'abc')).toBe(false);
    expect(tokenMatches('', 'abc')).toBe(false);
    expect(tokenMatches(undefined, 'abc')).toBe(false);
  });

  it('knows loopback addresses', () => {
    expect(isLoopback('127.0.0.2')).toBe(true);
    expect(isLoopback('::1')).toBe(true);
    expect(isLoopback('0.0.0.0')).toBe(false);
    expect(isLoopback('192.168.1.5')).toBe(false);
  });
});
