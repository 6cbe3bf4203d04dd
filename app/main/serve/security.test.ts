import { describe, expect, it } from 'vitest';
import type { IncomingMessage } from 'node:http';
import {
  allowedHosts,
  bearerToken,
  exposureWarning,
  handshakeToken,
  hostAllowed,
  isLoopback,
  originAllowed,
  parseTarget,
  tokenMatches,
} from './security';

const req = (headers: Record<string, string | string[]>) => ({ headers }) as unknown as IncomingMessage;

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

  it('reads the token only from a handshake that also offers the contract protocol', () => {
    const p = (v: string | string[]) => req({ 'sec-websocket-protocol': v });
    expect(handshakeToken(p('berth.v1, berth.token.abc'))).toBe('abc');
    expect(handshakeToken(p(['berth.token.abc', 'berth.v1']))).toBe('abc');
    expect(handshakeToken(p('berth.token.abc'))).toBeUndefined();
    expect(handshakeToken(p('berth.v1'))).toBeUndefined();
    expect(handshakeToken(p(',,,%%%'))).toBeUndefined();
    expect(handshakeToken(req({}))).toBeUndefined();
    expect(handshakeToken(req({ cookie: 'berth_token=abc' }))).toBeUndefined();
  });

  it('reads a bearer token and nothing else from Authorization', () => {
    expect(bearerToken(req({ authorization: 'Bearer abc-_1' }))).toBe('abc-_1');
    expect(bearerToken(req({ authorization: 'Basic abc' }))).toBeUndefined();
    expect(bearerToken(req({ authorization: 'Bearer a b' }))).toBeUndefined();
    expect(bearerToken(req({}))).toBeUndefined();
  });

  it('parses request targets without throwing, whatever they are', () => {
    expect(parseTarget('/api?x=1')?.pathname).toBe('/api');
    expect(parseTarget('http://[/')).toBeUndefined();
    expect(parseTarget('http://a:99999/')).toBeUndefined();
    expect(parseTarget(undefined)?.pathname).toBe('/');
    expect(parseTarget('*')?.pathname).toBe('/*');
  });

  it('warns that --host beyond loopback reaches the network and the bridges, and that the token travels in clear', () => {
    const w = exposureWarning('0.0.0.0');
    expect(w).toMatch(/0\.0\.0\.0/);
    expect(w).toMatch(/every container on the engine's bridge networks/);
    expect(w).toMatch(/token travels in clear over plain HTTP/);
  });
});
