// Fixture images built locally (no registry is reachable here): a busybox image from Debian's
// busybox-static, imported as a rootfs tar with every applet (sh, httpd, top, seq, yes, …).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestEngine } from './engine';

export const BUSYBOX = 'berth-fixture/busybox:latest';

const BUSYBOX_BIN = ['/bin/busybox', '/usr/bin/busybox'];

export function busyboxBinary(): string {
  const found = BUSYBOX_BIN.find((p) => existsSync(p));
  if (!found) throw new Error('busybox is not installed: install it with `sudo apt-get install -y busybox-static`.');
  const ldd = spawnSync('ldd', [found], { encoding: 'utf8' });
  const lddText = `${ldd.stdout}${ldd.stderr}`;
  if (!/not a dynamic executable|statically linked/.test(lddText)) {
    throw new Error(
      `${found} is dynamically linked; the fixture needs busybox-static: \`sudo apt-get install -y busybox-static\`.`,
    );
  }
  return found;
}

function makeRootfs(dir: string): void {
  const bin = busyboxBinary();
  for (const d of ['bin', 'etc', 'tmp', 'root', 'www', 'var', 'home']) mkdirSync(join(dir, d), { recursive: true });
  chmodSync(join(dir, 'tmp'), 0o1777);
  execFileSync('cp', [bin, join(dir, 'bin/busybox')]);
  const applets = execFileSync(bin, ['--list'], { encoding: 'utf8' })
    .split('\n')
    .filter((a) => a && a !== 'busybox');
  for (const a of applets) symlinkSync('busybox', join(dir, 'bin', a));
  writeFileSync(
    join(dir, 'etc/passwd'),
    'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false\n',
  );
  writeFileSync(join(dir, 'etc/group'), 'root:x:0:\nnogroup:x:65534:\n');
  writeFileSync(join(dir, 'www/index.html'), '<h1>berth fixture</h1>\n');
}

/** Imports the busybox fixture into `engine` (about a tenth of a second). */
export async function buildBusybox(engine: TestEngine, ref = BUSYBOX): Promise<string> {
  const root = join(engine.dir, 'fixtures', 'busybox');
  if (!existsSync(root)) makeRootfs(root);
  const tar = spawn('tar', ['-C', root, '-c', '.'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const chunks: Buffer[] = [];
  for await (const c of tar.stdout) chunks.push(c as Buffer);
  const res = await engine.docker(
    ['import', '--change', 'CMD ["sh"]', '--change', 'ENV PATH=/bin', '-', ref],
    Buffer.concat(chunks),
  );
  if (res.code !== 0) throw new Error(`Could not import the busybox fixture: ${res.stderr.trim()}`);
  return ref;
}
