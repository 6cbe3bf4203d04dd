import { describe, expect, it } from 'vitest';
import { REMOVED, redactText, redactValue } from './redact';

describe('redactValue', () => {
  it('removes values whose keys are named like secrets, at any depth, and says where', () => {
    const removed: string[] = [];
    const out = redactValue(
      {
        registry: { username: 'me', password: 'hunter2', identityToken: 'tok-123', Auth: 'bWU6aHVudGVyMg==' },
        apiKey: 'k-1',
        client_secret: 's',
        auths: { 'reg.example:5000': { auth: 'bWU6aHVudGVyMg==' } },
        theme: 'dark',
      },
      removed,
      'settings.json',
    );
    expect(JSON.stringify(out)).not.toMatch(/hunter2|tok-123|bWU6|k-1|"s"/);
    expect(out).toMatchObject({ registry: { username: 'me', password: REMOVED }, theme: 'dark' });
    expect(removed).toEqual(
      expect.arrayContaining([
        'settings.json: registry.password',
        'settings.json: registry.identityToken',
        'settings.json: apiKey',
        'settings.json: auths',
      ]),
    );
  });

  it('drops environments whole and keeps booleans and empty values of secret-named keys (no secret in them)', () => {
    const removed: string[] = [];
    const out = redactValue(
      { Config: { Env: ['PASSWORD=x', 'PATH=/bin'] }, tokenShown: false, token: '' },
      removed,
      'x',
    ) as Record<string, unknown>;
    expect(out).toEqual({ Config: {}, tokenShown: false, token: '' });
    expect(removed).toEqual(['x: Config.Env (an environment, dropped whole)']);
  });

  it('removes user and password from URLs in values, but leaves names that merely contain a secret word', () => {
    const removed: string[] = [];
    const out = redactValue(
      { HttpProxy: 'http://bob:pa55@proxy.local:3128', image: 'secret-app:latest', url: 'tcp://10.0.0.1:2376' },
      removed,
      'info.json',
    );
    expect(out).toEqual({
      HttpProxy: `http://${REMOVED}@proxy.local:3128`,
      image: 'secret-app:latest',
      url: 'tcp://10.0.0.1:2376',
    });
    expect(removed).toEqual(['info.json: HttpProxy (credentials in the text)']);
  });
});

describe('redactText', () => {
  it('removes key=value and key: value secrets, bearer tokens and URL credentials from log lines', () => {
    const log = [
      'level=info msg="API listen on /run/docker.sock"',
      'password=hunter2 user=me',
      'X-Registry-Auth: eyJ1c2VybmFtZSI6Im1lIn0',
      'Authorization: Bearer abcdefghijklmnop',
      'pulling from https://me:hunter2@reg.example/v2/',
      'REGISTRY_TOKEN="tok-123"',
    ].join('\n');
    const r = redactText(log);
    expect(r.text).not.toMatch(/hunter2|eyJ1c2Vy|abcdefghijklmnop|tok-123/);
    expect(r.text).toContain('level=info msg="API listen on /run/docker.sock"');
    expect(r.text).toContain('user=me');
    expect(r.count).toBe(5);
  });

  it('leaves text without secrets unchanged', () => {
    const text = 'time="2026-12-04" level=warning msg="Your kernel does not support swap limit capabilities"';
    expect(redactText(text)).toEqual({ text, count: 0 });
  });
});
