import { describe, expect, it } from 'vitest';
import { DOCKER_HUB } from '../../shared/contract/areas/registries';
import { signInFailure } from './check-sign-in';

const engineSaid = (statusCode: number, message: string) => ({
  statusCode,
  json: { message },
  message: `(HTTP code ${statusCode}) - ${message}`,
});

describe('sign-in failures as sentences naming the registry', () => {
  it('a wrong password', () => {
    const e = signInFailure(
      engineSaid(401, 'Get "http://127.0.0.1:5000/v2/": unauthorized: incorrect username or password'),
      '127.0.0.1:5000',
    );
    expect(e).toMatchObject({
      kind: 'unauthorized',
      message: '127.0.0.1:5000 refused the user name or password. Check them and try again.',
    });
    expect(signInFailure(engineSaid(401, 'unauthorized: incorrect username or password'), DOCKER_HUB).message).toMatch(
      /^Docker Hub refused/,
    );
  });

  it('plain HTTP where the engine requires TLS', () => {
    const e = signInFailure(
      engineSaid(500, 'Get "https://10.1.2.3:5000/v2/": http: server gave HTTP response to HTTPS client'),
      '10.1.2.3:5000',
    );
    expect(e.kind).toBe('unavailable');
    expect(e.message).toBe(
      "10.1.2.3:5000 answers over plain HTTP, but the engine requires TLS for it. Serve the registry over https, or list it in the engine's insecure registries.",
    );
  });

  it('an untrusted certificate, a registry that is down or unknown, something that is no registry', () => {
    expect(
      signInFailure(
        engineSaid(500, 'Get "https://r.example.com/v2/": x509: certificate signed by unknown authority'),
        'r.example.com',
      ).message,
    ).toMatch(/^The engine does not trust r\.example\.com's TLS certificate/);
    for (const down of [
      'Get "https://r.example.com/v2/": dial tcp: lookup r.example.com: no such host',
      'Get "http://127.0.0.1:1/v2/": dial tcp 127.0.0.1:1: connect: connection refused',
      'Get "https://r.example.com/v2/": net/http: request canceled while waiting for connection (Client.Timeout exceeded while awaiting headers)',
    ])
      expect(signInFailure(engineSaid(500, down), 'r.example.com').message).toBe(
        'r.example.com is not reachable from the engine. Check the address and that the registry is running.',
      );
    expect(
      signInFailure(
        engineSaid(500, 'login attempt to https://example.com/v2/ failed with status: 404 Not Found'),
        'example.com',
      ).message,
    ).toMatch(/does not look like a container registry/);
  });

  it('an engine that is down stays the engine sentence', () => {
    const e = signInFailure(
      { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED /run/docker.sock' },
      'r.example.com',
    );
    expect(e.kind).toBe('unavailable');
    expect(e.message).toMatch(/the engine is not reachable/);
  });
});
