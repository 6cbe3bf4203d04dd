import { describe, expect, it } from 'vitest';
import type { ContainerSummary } from '../docker/containers';
import { composeLabels } from '../docker/containers';
import { absoluteConfigFiles, groupProjects } from './projects';
import { projectNameFromDir, validateProjectName } from './project-name';

function container(name: string, state: ContainerSummary['state'], labels: Record<string, string>): ContainerSummary {
  const compose = composeLabels(labels);
  return {
    id: `id-${name}`,
    name,
    image: 'berth-fixture/busybox:latest',
    imageId: 'sha256:x',
    command: 'sh',
    created: 0,
    state,
    status: state === 'running' ? 'Up 1 minute' : 'Exited (0)',
    ports: [],
    labels,
    ...(compose ? { compose } : {}),
    networks: [],
    mounts: [],
  };
}

const labels = (project: string, service: string, n: number, extra: Record<string, string> = {}) => ({
  'com.docker.compose.project': project,
  'com.docker.compose.service': service,
  'com.docker.compose.container-number': String(n),
  'com.docker.compose.oneoff': 'False',
  'com.docker.compose.project.working_dir': `/srv/${project}`,
  'com.docker.compose.project.config_files': 'docker-compose.yml',
  ...extra,
});

describe('groupProjects', () => {
  it('groups by project and service, counts running of total, and sorts', () => {
    const list = [
      container('shop_web_2', 'running', labels('shop', 'web', 2)),
      container('shop_web_1', 'exited', labels('shop', 'web', 1)),
      container('shop_db_1', 'running', labels('shop', 'db', 1)),
      container('blog_app_1', 'exited', labels('blog', 'app', 1)),
      container('loner', 'running', {}),
    ];
    const projects = groupProjects(list, () => true);
    expect(projects.map((p) => p.name)).toEqual(['blog', 'shop']);
    const shop = projects[1]!;
    expect(shop).toMatchObject({
      running: 2,
      total: 3,
      workingDir: '/srv/shop',
      configFiles: ['/srv/shop/docker-compose.yml'],
      filesPresent: true,
    });
    expect(shop.services.map((s) => [s.name, s.running, s.containers.map((c) => c.name)])).toEqual([
      ['db', 1, ['shop_db_1']],
      ['web', 1, ['shop_web_1', 'shop_web_2']],
    ]);
  });

  it('keeps projects whose files are gone, marked so', () => {
    const [p] = groupProjects([container('old_web_1', 'running', labels('old', 'web', 1))], () => false);
    expect(p).toMatchObject({ name: 'old', filesPresent: false, running: 1, total: 1 });
  });

  it('leaves out one-off containers (compose run)', () => {
    const list = [
      container('app_web_1', 'running', labels('app', 'web', 1)),
      container('app_web_run_1', 'running', labels('app', 'web', 1, { 'com.docker.compose.oneoff': 'True' })),
    ];
    expect(groupProjects(list, () => true)[0]!.total).toBe(1);
  });

  it('treats a project without config file labels as having no files', () => {
    const l = labels('bare', 'web', 1);
    delete (l as Record<string, string>)['com.docker.compose.project.config_files'];
    expect(groupProjects([container('bare_web_1', 'running', l)], () => true)[0]!.filesPresent).toBe(false);
  });
});

describe('config files and names', () => {
  it('resolves v1 relative config files against the working dir', () => {
    expect(absoluteConfigFiles(['docker-compose.yml', '/abs/x.yml'], '/srv/a')).toEqual([
      '/srv/a/docker-compose.yml',
      '/abs/x.yml',
    ]);
  });
  it('derives the project name from a folder as compose does', () => {
    expect(projectNameFromDir('/home/me/My App.v2/')).toBe('myappv2');
    expect(projectNameFromDir('/x/_under')).toBe('under');
  });
  it('refuses names compose refuses', () => {
    expect(validateProjectName('web-1_a')).toBe('web-1_a');
    expect(() => validateProjectName('Web')).toThrow(/lowercase/);
    expect(() => validateProjectName('-x')).toThrow(/starts with a letter or digit/);
  });
});
