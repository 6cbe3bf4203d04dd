// `npm run serve` builds first when the bundles are missing or older than the sources.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const newest = (dir) => {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
};
const built = ['out/main/cli.js', 'out/renderer/index.html'];
const stale = built.some((f) => !existsSync(f)) || newest('app') > Math.min(...built.map((f) => statSync(f).mtimeMs));
if (stale) execSync('npm run build', { stdio: 'inherit' });
