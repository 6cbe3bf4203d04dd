// A real `berth serve` process (bin/berth.mjs on the harness engine) under attack over raw TCP:
// malformed request lines, headers, cookies, targets and upgrade requests, then proof that the
// same process still serves the page and the socket; malformed binary frames on an open socket;
// also what --host beyond loopback prints.
import { connect } from 'node:net';
import { MAX_FRAME_BYTES, type ServerFrame } from '../../shared/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngine } from '../../../harness/context';
import { startBerthServe, type ServeProcess } from '../../../harness/serve-process';
import { connectTestClient } from './ws-test-client';

let serve: ServeProcess;
let port: number;
let token: string;

beforeAll(async () => {
  serve = await startBerthServe(['--engine-socket', testEngine().host], process.env, { captureStderr: true });
  const u = new URL(serve.url);
  port = Number(u.port);
  token = u.searchParams.get('token')!;
}, 60_000);
afterAll(() => serve.stop());

/** Sends raw bytes on a fresh connection; resolves with what came back before it closed (or 1.5 s passed). */
function raw(bytes: string | Buffer): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let got = '';
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(got);
    };
    const timer = setTimeout(done, 1500);
    socket.on('data', (d) => {
      got += d.toString('latin1');
      // One answer is enough; a 101 would keep the socket open.
      if (/\r\n\r\n/.test(got) && !/^HTTP\/1\.1 101/.test(got)) done();
    });
    socket.on('error', done);
    socket.on('close', done);
    socket.write(bytes);
  });
}

const host = () => `127.0.0.1:${port}`;
const upgradeHeaders = (extra: string) =>
  `Host: ${host()}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nOrigin: http://${host()}\r\n${extra}`;

function fixedCases(): string[] {
  const h = host();
  return [
    // request lines
    'GET\r\n\r\n',
    'GET / HTTP/9.9\r\n\r\n',
    '\x00\x01\x02\x03\r\n\r\n',
    'G E T / HTTP/1.1\r\n\r\n',
    `GET /${'a'.repeat(100_000)} HTTP/1.1\r\nHost: ${h}\r\n\r\n`,
    `GET http://[/ HTTP/1.1\r\nHost: ${h}\r\n\r\n`,
    `GET http://[::1 HTTP/1.1\r\nHost: ${h}\r\n\r\n`,
    `OPTIONS * HTTP/1.1\r\nHost: ${h}\r\n\r\n`,
    `CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: ${h}\r\n\r\n`,
    `get / HTTP/1.1\r\nHost: ${h}\r\n\r\n`,
    `GET / HTTP/1.1\nHost: ${h}\n\n`,
    `BREW /pot HTTP/1.1\r\nHost: ${h}\r\n\r\n`,
    `GET //// HTTP/1.1\r\nHost: ${h}\r\n\r\n`,
    `GET /% HTTP/1.1\r\nHost: ${h}\r\n\r\n`,
    `GET /%00 HTTP/1.1\r\nHost: ${h}\r\n\r\n`,
    `GET /..%2f..%2f..%2fetc%2fpasswd HTTP/1.1\r\nHost: ${h}\r\n\r\n`,
    `GET /?token=% HTTP/1.1\r\nHost: ${h}\r\n\r\n`,
    `GET /api/check HTTP/1.1\r\nHost: ${h}\r\nAuthorization: Bearer %\r\n\r\n`,
    `GET /api/check HTTP/1.1\r\nHost: ${h}\r\nAuthorization: ${'B'.repeat(10000)}\r\n\r\n`,
    `GET http://${h}/api HTTP/1.1\r\nHost: ${h}\r\n\r\n`,
    // headers
    `GET / HTTP/1.1\r\nHost: ${h}\r\nBad Header: x\r\n\r\n`,
    `GET / HTTP/1.1\r\nHost: ${h}\r\nNoColon\r\n\r\n`,
    `GET / HTTP/1.1\r\nHost: ${h}\r\nX-Big: ${'x'.repeat(20_000)}\r\n\r\n`,
    `GET / HTTP/1.1\r\nHost: ${h}\r\nHost: evil.example\r\n\r\n`,
    `GET / HTTP/1.1\r\nHost: \x7f\x00\r\n\r\n`,
    `GET / HTTP/1.1\r\n\r\n`,
    `POST / HTTP/1.1\r\nHost: ${h}\r\nContent-Length: -1\r\n\r\n`,
    `POST / HTTP/1.1\r\nHost: ${h}\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n`,
    `POST / HTTP/1.1\r\nHost: ${h}\r\nTransfer-Encoding: chunked\r\n\r\nNOTHEX\r\n\r\n`,
    `POST /api HTTP/1.1\r\nHost: ${h}\r\nContent-Length: 99999999999999999999\r\n\r\n`,
    // cookies
    `GET / HTTP/1.1\r\nHost: ${h}\r\nCookie: berth_token=%\r\n\r\n`,
    `GET / HTTP/1.1\r\nHost: ${h}\r\nCookie: berth_token=%E0%A4%A\r\n\r\n`,
    `GET / HTTP/1.1\r\nHost: ${h}\r\nCookie: ${'a=b; '.repeat(2000)}\r\n\r\n`,
    `GET / HTTP/1.1\r\nHost: ${h}\r\nCookie: =;;;==;berth_token\r\n\r\n`,
    `GET /api HTTP/1.1\r\n${upgradeHeaders(`Cookie: berth_token=%\r\n`)}\r\n`,
    `GET /api HTTP/1.1\r\n${upgradeHeaders(`Cookie: berth_token=${token}\r\n`)}\r\n`,
    // upgrades
    `GET http://[/ HTTP/1.1\r\n${upgradeHeaders('')}\r\n`,
    `GET /api HTTP/1.1\r\n${upgradeHeaders('')}\r\n`,
    `GET /api HTTP/1.1\r\n${upgradeHeaders('Sec-WebSocket-Protocol: berth.v1, berth.token.%\r\n')}\r\n`,
    `GET /api HTTP/1.1\r\n${upgradeHeaders(`Sec-WebSocket-Protocol: ${',,'.repeat(3000)}\r\n`)}\r\n`,
    `GET /api HTTP/1.1\r\n${upgradeHeaders('Sec-WebSocket-Protocol: berth.v1, berth.token.\r\n')}\r\n`,
    `GET /api HTTP/1.1\r\n${upgradeHeaders(`Sec-WebSocket-Protocol: berth.token.${token}\r\n`)}\r\n`,
    `GET /elsewhere HTTP/1.1\r\n${upgradeHeaders(`Sec-WebSocket-Protocol: berth.v1, berth.token.${token}\r\n`)}\r\n`,
    `GET /api HTTP/1.1\r\nHost: ${h}\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n`,
    `GET /api HTTP/1.1\r\nHost: ${h}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nOrigin: http://${h}\r\nSec-WebSocket-Protocol: berth.v1, berth.token.${token}\r\n\r\n`,
    `GET /api HTTP/1.1\r\nHost: ${h}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 99\r\nSec-WebSocket-Key: x\r\nOrigin: http://${h}\r\nSec-WebSocket-Protocol: berth.v1, berth.token.${token}\r\n\r\n`,
    `GET /api HTTP/1.1\r\n${upgradeHeaders('Origin: null\r\n')}\r\n`,
    `POST /api HTTP/1.1\r\n${upgradeHeaders(`Sec-WebSocket-Protocol: berth.v1, berth.token.${token}\r\n`)}\r\n`,
    // a real handshake followed by bytes that are not WebSocket frames
    `GET /api HTTP/1.1\r\n${upgradeHeaders(`Sec-WebSocket-Protocol: berth.v1, berth.token.${token}\r\n`)}\r\n\xff\xff\xff\xff${'\x00'.repeat(64)}`,
  ];
}

/** Seeded mutations of valid requests and upgrades: bytes flipped, cut, repeated. */
function mutations(n: number): Buffer[] {
  let seed = 15;
  const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const bases = [
    `GET / HTTP/1.1\r\nHost: ${host()}\r\nCookie: berth_token=abc\r\n\r\n`,
    `GET /api HTTP/1.1\r\n${upgradeHeaders(`Sec-WebSocket-Protocol: berth.v1, berth.token.${token}\r\n`)}\r\n`,
    `GET /api/check HTTP/1.1\r\nHost: ${host()}\r\nAuthorization: Bearer ${token}\r\n\r\n`,
  ];
  const out: Buffer[] = [];
  for (let i = 0; i < n; i++) {
    const b = Buffer.from(bases[i % bases.length]!, 'latin1');
    const kind = rand();
    if (kind < 0.4)
      for (let k = 0; k < 1 + rand() * 8; k++) b[Math.floor(rand() * b.length)] = Math.floor(rand() * 256);
    if (kind >= 0.4 && kind < 0.6) {
      out.push(b.subarray(0, Math.floor(rand() * b.length)));
      continue;
    }
    if (kind >= 0.6 && kind < 0.8) {
      const at = Math.floor(rand() * b.length);
      out.push(
        Buffer.concat([
          b.subarray(0, at),
          Buffer.from('%[]\x00\r\n:;='.repeat(1 + rand() * 50), 'latin1'),
          b.subarray(at),
        ]),
      );
      continue;
    }
    out.push(b);
  }
  return out;
}

describe('berth serve under malformed input (a real process, raw TCP)', () => {
  it('answers or closes every one of 250+ malformed requests and upgrades, and the same process still serves', async () => {
    const pid = serve.child.pid;
    const cases = [...fixedCases().map((c) => Buffer.from(c, 'latin1')), ...mutations(220)];
    expect(cases.length).toBeGreaterThanOrEqual(250);
    const answers: string[] = [];
    for (let i = 0; i < cases.length; i += 30)
      answers.push(...(await Promise.all(cases.slice(i, i + 30).map((c) => raw(c)))));
    // The crashing inputs of the finding get a refusal, not silence.
    const statusOf = (i: number) => /^HTTP\/1\.1 (\d{3})/.exec(answers[i] ?? '')?.[1];
    const fixed = fixedCases();
    const at = (needle: string) => fixed.findIndex((c) => c.includes(needle));
    expect(statusOf(at('Cookie: berth_token=%\r\n\r\n'))).toBe('200'); // the page is public; the cookie means nothing
    expect(statusOf(at(`GET http://[/ HTTP/1.1\r\n${upgradeHeaders('')}`))).toBe('400');
    expect(statusOf(at('GET http://[/ HTTP/1.1\r\nHost'))).toBe('400');
    expect(statusOf(at(`Cookie: berth_token=${token}\r\n`))).toBe('401'); // a cookie is never a credential

    expect(serve.child.exitCode).toBeNull();
    expect(serve.child.pid).toBe(pid);
    process.kill(pid!, 0);
    const page = await fetch(`http://${host()}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    const c = await connectTestClient(`http://${host()}`, token);
    await expect(c.request('engine.status')).resolves.toMatchObject({ state: 'running' });
    await c.close();
    // No handler had to be rescued by the top-level guard.
    expect(serve.stderr()).not.toMatch(/handler failed/);
  }, 120_000);
});

/** A binary input frame (shared/contract/frames.ts) for stream `id`, with a payload on channel 0. */
function binaryInput(id: number, payload: Buffer): Buffer {
  const m = Buffer.alloc(28 + payload.length);
  m[0] = 2;
  m.writeDoubleBE(id, 4);
  m.writeUInt32BE(payload.length, 24);
  payload.copy(m, 28);
  return m;
}

/** Malformed binary frames by hand, then seeded mutations of valid ones. */
function binaryCases(): Buffer[] {
  const ok = binaryInput(7, Buffer.from('ls\n'));
  const set = (at: number, v: number, base = ok) => {
    const b = Buffer.from(base);
    b[at] = v;
    return b;
  };
  const fixed = [
    Buffer.alloc(0),
    Buffer.from([2]),
    ok.subarray(0, 20),
    ok.subarray(0, 27),
    set(0, 0),
    set(0, 1), // a server's data frame, from a page
    set(0, 255),
    set(1, 1),
    set(3, 1),
    (() => { const b = Buffer.from(ok); b.writeDoubleBE(-1, 4); return b; })(), // prettier-ignore
    (() => { const b = Buffer.from(ok); b.writeDoubleBE(Number.NaN, 4); return b; })(), // prettier-ignore
    (() => { const b = Buffer.from(ok); b.writeDoubleBE(2 ** 60, 4); return b; })(), // prettier-ignore
    (() => { const b = Buffer.from(ok); b.writeDoubleBE(Infinity, 12); return b; })(), // prettier-ignore
    (() => { const b = Buffer.from(ok); b.writeDoubleBE(5, 12); return b; })(), // prettier-ignore
    set(20, 1),
    set(20, 2),
    set(21, 9),
    (() => { const b = Buffer.from(ok); b.writeUInt32BE(0xffffffff, 24); return b; })(), // prettier-ignore
    Buffer.concat([ok, Buffer.from([0, 0, 0])]),
    Buffer.concat([ok, ok.subarray(20)]), // two segments
    binaryInput(7, Buffer.alloc(64 * 1024 + 1)), // over a terminal input's limit (to a stream that is not there)
    Buffer.alloc(4096, 0xff),
  ];
  let seed = 21;
  const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const mutated: Buffer[] = [];
  for (let i = 0; i < 300; i++) {
    const b = Buffer.from(ok);
    const kind = rand();
    if (kind < 0.5)
      for (let k = 0; k < 1 + rand() * 4; k++) b[Math.floor(rand() * b.length)] = Math.floor(rand() * 256);
    else if (kind < 0.75) {
      mutated.push(b.subarray(0, Math.floor(rand() * b.length)));
      continue;
    } else {
      mutated.push(
        Buffer.concat([b, Buffer.from(Array.from({ length: rand() * 64 }, () => Math.floor(rand() * 256)))]),
      );
      continue;
    }
    mutated.push(b);
  }
  return [...fixed, ...mutated];
}

describe('berth serve under malformed binary frames (a real process, an open socket)', () => {
  it('answers each of 300+ malformed binary frames with a sentence, and the socket and process still serve', async () => {
    const pid = serve.child.pid;
    const c = await connectTestClient(`http://${host()}`, token);
    const cases = binaryCases();
    expect(cases.length).toBeGreaterThanOrEqual(300);
    const before = c.frames.length;
    for (const b of cases) c.sendRaw(b);
    // The socket still answers, after all of them, in order.
    await expect(c.request('engine.status')).resolves.toMatchObject({ state: 'running' });
    const answers = c.frames.slice(before).filter((f): f is Extract<ServerFrame, { t: 'error' }> => f.t === 'error');
    // Every frame got a sentence: the refused ones say why; well-formed input to a stream that is not open says so.
    expect(answers.length).toBeGreaterThanOrEqual(cases.length - 1); // the empty frame may be ignored
    for (const a of answers)
      expect(a.error.message).toMatch(
        /^The binary message was not understood: |^That stream takes no input, or it has ended\.$/,
      );
    expect(answers.filter((a) => /kind 1/.test(a.error.message) || /only input/.test(a.error.message))).not.toEqual([]);
    await c.close();

    // A binary frame over the size limit closes that socket only.
    const big = await connectTestClient(`http://${host()}`, token);
    const closed = new Promise<number>((r) => big.ws.once('close', (code) => r(code)));
    big.sendRaw(binaryInput(1, Buffer.alloc(MAX_FRAME_BYTES + 1)));
    expect([1009, 1006]).toContain(await closed);
    const after = await connectTestClient(`http://${host()}`, token);
    await expect(after.request('engine.status')).resolves.toMatchObject({ state: 'running' });
    await after.close();
    expect(serve.child.exitCode).toBeNull();
    expect(serve.child.pid).toBe(pid);
    expect(serve.stderr()).not.toMatch(/handler failed/);
  }, 60_000);
});

describe('berth serve --host beyond loopback', () => {
  it('warns that containers on the engine’s bridges can reach it and that the token travels in clear', async () => {
    const exposed = await startBerthServe(['--host', '0.0.0.0', '--engine-socket', testEngine().host], process.env, {
      captureStderr: true,
    });
    try {
      expect(exposed.url).toMatch(/^http:\/\/0\.0\.0\.0:\d+\/\?token=/);
      expect(exposed.stderr()).toMatch(/every container on the engine's bridge networks .* can reach it/);
      expect(exposed.stderr()).toMatch(/The token travels in clear over plain HTTP/);
    } finally {
      await exposed.stop();
    }
  }, 60_000);
});
