import { describe, expect, it } from 'vitest';
import { dockerRunCommand, shellQuote, toolLabel } from './run-command';

describe('shellQuote', () => {
  it('leaves plain words bare and single-quotes the rest', () => {
    expect(shellQuote('nginx:1.25')).toBe('nginx:1.25');
    expect(shellQuote('A=b')).toBe('A=b');
    expect(shellQuote('')).toBe("''");
    expect(shellQuote('a b')).toBe("'a b'");
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(shellQuote('$HOME; rm -rf /')).toBe(`'$HOME; rm -rf /'`);
  });
});

describe('dockerRunCommand', () => {
  const inspect = {
    Name: '/web',
    Config: {
      Image: 'nginx:1.25',
      Cmd: ['nginx', '-g', 'daemon off;'],
      Entrypoint: ['/docker-entrypoint.sh'],
      Env: ['PATH=/usr/bin', 'MODE=prod', 'MSG=hello world'],
      Labels: { maintainer: 'nginx', team: 'web' },
      Tty: true,
      OpenStdin: false,
      WorkingDir: '',
      User: '',
    },
    HostConfig: {
      PortBindings: {
        '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '8080' }],
        '53/udp': [{ HostIp: '', HostPort: '5353' }],
        '443/tcp': [{ HostIp: '::1', HostPort: '' }],
      },
      Mounts: [{ Type: 'volume', Source: 'html', Target: '/usr/share/nginx/html', ReadOnly: true }],
      Binds: ['/srv/conf:/etc/nginx/conf.d:ro'],
      NetworkMode: 'frontend',
      RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 5 },
      AutoRemove: false,
      Memory: 268435456,
    },
  };
  const image = {
    Config: {
      Cmd: ['nginx', '-g', 'daemon off;'],
      Entrypoint: ['/docker-entrypoint.sh'],
      Env: ['PATH=/usr/bin'],
      Labels: { maintainer: 'nginx' },
    },
  };

  it('leaves out what the image already provides', () => {
    expect(dockerRunCommand(inspect, image)).toBe(
      "docker run -d --name web -t -e MODE=prod -e 'MSG=hello world' -p 5353:53/udp -p 127.0.0.1:8080:80 -p '[::1]::443' " +
        '-v /srv/conf:/etc/nginx/conf.d:ro --mount type=volume,source=html,target=/usr/share/nginx/html,readonly ' +
        '--network frontend --restart on-failure:5 --memory 268435456 -l team=web nginx:1.25',
    );
  });

  it('without the image, keeps the command and entrypoint', () => {
    const cmd = dockerRunCommand(inspect);
    expect(cmd).toContain("--entrypoint /docker-entrypoint.sh nginx:1.25 nginx -g 'daemon off;'");
    expect(cmd).toContain('-e PATH=/usr/bin');
  });

  it('a changed entrypoint with arguments', () => {
    const cmd = dockerRunCommand(
      { Name: '/x', Config: { Image: 'img', Entrypoint: ['sh', '-c'], Cmd: ['echo hi'] } },
      { Config: { Entrypoint: null, Cmd: ['sh'] } },
    );
    expect(cmd).toBe("docker run -d --name x --entrypoint sh img -c 'echo hi'");
  });

  it('--rm, -i and a user', () => {
    const cmd = dockerRunCommand(
      {
        Name: '/x',
        Config: { Image: 'img', OpenStdin: true, User: 'nobody', Cmd: ['sh'] },
        HostConfig: { AutoRemove: true },
      },
      { Config: { Cmd: ['sh'] } },
    );
    expect(cmd).toBe('docker run -d --name x -i --rm -u nobody img');
  });

  it("leaves out the labels tools add for their own bookkeeping (compose, swarm, Berth's own)", () => {
    const labelled = {
      ...inspect,
      Config: {
        ...inspect.Config,
        Labels: {
          team: 'web',
          'com.docker.compose.project': 'shop',
          'com.docker.compose.service': 'web',
          'com.docker.compose.config-hash': 'abc',
          'com.docker.compose.oneoff': 'False',
          'com.docker.stack.namespace': 'shop',
          'com.docker.swarm.task.id': 'x',
          'desktop.docker.io/binds/0/Source': '/x',
          'berth.helper': '1',
          'com.example.keep': 'yes',
        },
      },
    };
    const cmd = dockerRunCommand(labelled, image);
    expect(cmd).toContain('-l team=web');
    expect(cmd).toContain('-l com.example.keep=yes');
    expect(cmd).not.toMatch(/com\.docker\.(compose|stack|swarm)|desktop\.docker\.io|berth\./);
    expect(toolLabel('com.docker.composer')).toBe(false);
  });
});
