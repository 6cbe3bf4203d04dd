import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_RECENT, RECENT_COMPOSE_FILE, RecentComposeProjects } from './recent-compose';

const dirs: string[] = [];
const dir = () => {
  const d = mkdtempSync(join(tmpdir(), 'berth-recent-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('recent compose projects', () => {
  it('keeps the newest first across instances (restarts), one entry per project, at most MAX_RECENT', () => {
    const d = dir();
    const a = new RecentComposeProjects(d, () => true);
    a.remember('shop', ['/srv/shop/compose.yml'], 1);
    a.remember('blog', ['/srv/blog/compose.yml'], 2);
    a.remember('shop', ['/srv/shop/compose.yml', '/srv/shop/override.yml'], 3);
    const b = new RecentComposeProjects(d, (f) => !f.includes('blog'));
    expect(b.list()).toEqual([
      { project: 'shop', files: ['/srv/shop/compose.yml', '/srv/shop/override.yml'], opened: 3, filesPresent: true },
      { project: 'blog', files: ['/srv/blog/compose.yml'], opened: 2, filesPresent: false },
    ]);
    for (let i = 0; i < MAX_RECENT + 5; i++) b.remember(`p${i}`, [`/srv/p${i}/compose.yml`], 10 + i);
    expect(b.list()).toHaveLength(MAX_RECENT);
    expect(b.list()[0]!.project).toBe(`p${MAX_RECENT + 4}`);
    expect(b.forget(`p${MAX_RECENT + 4}`).map((r) => r.project)).not.toContain(`p${MAX_RECENT + 4}`);
  });

  it('reads a damaged or foreign file as empty, and drops entries that are not valid', () => {
    const d = dir();
    writeFileSync(join(d, RECENT_COMPOSE_FILE), '{ not json');
    expect(new RecentComposeProjects(d).list()).toEqual([]);
    writeFileSync(join(d, RECENT_COMPOSE_FILE), JSON.stringify([{ project: 'Bad Name', files: ['rel'], opened: 1 }]));
    const r = new RecentComposeProjects(d);
    expect(r.list()).toEqual([]);
    r.remember('ok', ['/srv/ok/compose.yml'], 5);
    expect(JSON.parse(readFileSync(join(d, RECENT_COMPOSE_FILE), 'utf8'))).toEqual([
      { project: 'ok', files: ['/srv/ok/compose.yml'], opened: 5 },
    ]);
  });
});
