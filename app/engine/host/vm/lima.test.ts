import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { chooseVmType, renderLimaConfig } from './lima-config';
import { limaFix, parseLimaDisks, parseLimaList, parseLimaVersion, parseLogLine, progressFor } from './limactl';
import { describeRestart, restartPlan } from './restart-reasons';

const template = readFileSync(
  fileURLToPath(new URL('../../../../resources/vm/lima/berth.yaml', import.meta.url)),
  'utf8',
);
const GiB = 1024 ** 3;
const values = { cpus: 2, memoryGiB: 4, diskGiB: 60, vmType: 'vz', hostSocket: '/s', dataDisk: 'd' } as const;

// Output shapes as limactl 1.0.x prints them (recorded from its source and docs; Lima cannot run here).
const LIST = [
  '{"name":"berth","hostname":"lima-berth","status":"Running","dir":"/Users/ann/Library/Application Support/Berth/data/lima/berth","vmType":"vz","arch":"aarch64","cpuType":"","cpus":2,"memory":4294967296,"disk":21474836480,"sshLocalPort":60022,"hostAgentPID":4242,"driverPID":4242,"config":{},"limaVersion":"1.0.3","HostOS":"darwin","HostArch":"aarch64"}',
  '{"name":"old","status":"Broken","dir":"/x/old","vmType":"qemu","cpus":4,"memory":8589934592,"disk":107374182400,"errors":["open /x/old/lima.yaml: no such file or directory"]}',
].join('\n');

describe('Lima config and limactl output (fake limactl: macOS absent here)', () => {
  it('renders the template with settings, VM type, mount type, data disk and the forwarded socket', () => {
    const out = renderLimaConfig(template, {
      cpus: 6,
      memoryGiB: 12,
      diskGiB: 100,
      vmType: 'qemu',
      hostSocket: '/Users/ann/Library/Application Support/Berth/data/vm/docker.sock',
      dataDisk: 'berth-data',
    });
    expect(out).toMatch(/^vmType: qemu # set by Berth$/m);
    expect(out).toMatch(/^mountType: 9p # set by Berth$/m);
    expect(out).toMatch(/^cpus: 6 # set by Berth$/m);
    expect(out).toMatch(/^memory: 12GiB # set by Berth$/m);
    expect(out).toMatch(/^ {2}- name: berth-data # set by Berth$/m);
    expect(out).toContain(
      "hostSocket: '/Users/ann/Library/Application Support/Berth/data/vm/docker.sock' # set by Berth",
    );
    expect(out).toContain("guestSocket: '/var/run/docker.sock'");
    expect(out).toContain('data-root": "/mnt/lima-berth-data/docker');
    expect(() => renderLimaConfig(template, { ...values, cpus: 0 })).toThrow(
      /cannot have 0 CPUs.*Settings → Resources/,
    );
    expect(() => renderLimaConfig('cpus: 2\n', values)).toThrow(/no "vmType" value/);
    expect(() => renderLimaConfig('vmType: [', values)).toThrow(/is not valid YAML/);
  });

  it('changes only the values marked "set by Berth": every comment, quote and other line stays as written', () => {
    const out = renderLimaConfig(template, {
      ...values,
      cpus: 3,
      memoryGiB: 5,
      hostSocket: "/Users/o'neil/sock/docker.sock",
      dataDisk: 'berth-data-2',
    });
    const before = template.split('\n');
    const after = out.split('\n');
    expect(after).toHaveLength(before.length);
    const changed = after.filter((line, i) => line !== before[i]);
    expect(changed).toEqual([
      'cpus: 3 # set by Berth',
      'memory: 5GiB # set by Berth',
      '  - name: berth-data-2 # set by Berth',
      "    hostSocket: '/Users/o''neil/sock/docker.sock' # set by Berth",
    ]);
    expect(before.filter((line) => line.includes('# set by Berth'))).toHaveLength(6);
  });

  it('chooses VZ with virtiofs on macOS 13+ (Darwin 22), else QEMU', () => {
    expect(chooseVmType('darwin', '23.4.0')).toBe('vz');
    expect(chooseVmType('darwin', '21.6.0')).toBe('qemu');
    expect(chooseVmType('linux', '6.1.0')).toBe('qemu');
  });

  it('reads list --json (NDJSON, and the older array), disks and the version', () => {
    const list = parseLimaList(LIST);
    expect(list[0]).toMatchObject({ name: 'berth', status: 'Running', vmType: 'vz', cpus: 2, memory: 4 * GiB });
    expect(list[1]).toMatchObject({ status: 'Broken', errors: ['open /x/old/lima.yaml: no such file or directory'] });
    expect(parseLimaList(`[${LIST.split('\n').join(',')}]`)).toHaveLength(2);
    expect(parseLimaList('')).toEqual([]);
    expect(parseLimaDisks('{"name":"berth-data","size":64424509440,"format":"raw","instance":"berth"}')).toEqual([
      { name: 'berth-data', size: 60 * GiB, instance: 'berth' },
    ]);
    expect(parseLimaVersion('limactl version 1.0.3\n')).toBe('1.0.3');
    expect(parseLimaVersion('limactl version v2.0.0-beta.1')).toBe('2.0.0');
  });

  it('maps limactl progress to Berth progress lines', () => {
    const lines = [
      'time="2025-01-10T10:00:00+01:00" level=info msg="Starting the instance \\"berth\\" with VM driver \\"vz\\""',
      'time="2025-01-10T10:00:00+01:00" level=info msg="Attempting to download the image" arch=aarch64 digest= location="https://cloud.debian.org/x.qcow2"',
      'time="2025-01-10T10:00:01+01:00" level=info msg="[hostagent] Starting VZ (hint: to watch the boot progress, see \\"/x/serial*.log\\")"',
      'time="2025-01-10T10:00:02+01:00" level=info msg="[hostagent] Waiting for the essential requirement 1 of 2: \\"ssh\\""',
      'time="2025-01-10T10:00:09+01:00" level=info msg="[hostagent] Forwarding \\"/var/run/docker.sock\\" (guest) to \\"/x/vm/docker.sock\\" (host)"',
      'time="2025-01-10T10:00:09+01:00" level=info msg="[hostagent] Waiting for the final requirement 1 of 1: \\"boot scripts must have finished\\""',
      'time="2025-01-10T10:00:30+01:00" level=info msg="READY. Run `limactl shell berth` to open the shell."',
      'time="2025-01-10T10:00:02+01:00" level=info msg="SSH Local Port: 60022"',
    ];
    const parsed = lines.map((l) => parseLogLine(l)!);
    expect(parsed[1]!.fields).toMatchObject({ arch: 'aarch64', location: 'https://cloud.debian.org/x.qcow2' });
    expect(parsed.map((p) => progressFor(p.msg))).toEqual([
      "Starting Berth's VM (VZ)",
      "Downloading the VM's system image (first start only)",
      "Booting Berth's VM",
      'Waiting for the VM to boot (1/2: ssh)',
      "Forwarding the engine's socket to the Mac",
      'Setting up the engine inside the VM (the first start installs dockerd)',
      'VM is running; waiting for the engine API',
      undefined,
    ]);
    expect(parseLogLine('not a log line')).toBeUndefined();
  });

  it('turns limactl failures into a fix', () => {
    expect(limaFix('failed to download the image ... dial tcp: lookup cloud.debian.org: no such host', '/l')).toMatch(
      /internet connection/,
    );
    expect(limaFix('exec: "qemu-system-aarch64": executable file not found in $PATH', '/l')).toMatch(
      /brew install qemu/,
    );
    expect(limaFix('failed to run attach disk "berth-data", in use by instance "x"', '/l')).toMatch(/disk unlock/);
    expect(limaFix('did not receive an event with the "running" status', '/l')).toMatch(/\/l\/ha\.stderr\.log/);
  });

  it('computes "restart needed because …" from the VM as it is and the settings', () => {
    const plan = restartPlan(
      { cpus: 2, memory: 4 * GiB, vmType: 'qemu', dataDisk: 60 * GiB },
      { cpus: 4, memoryGiB: 8, diskGiB: 100, vmType: 'vz' },
    );
    expect(describeRestart(plan)).toBe(
      'Restart needed because the number of CPUs changes from 2 to 4, memory changes from 4 GiB to 8 GiB, the VM type changes from QEMU to Apple Virtualization (VZ) and the data disk grows from 60 GiB to 100 GiB.',
    );
    const same = restartPlan(
      { cpus: 2, memory: 4 * GiB, vmType: 'vz', dataDisk: 60 * GiB },
      { cpus: 2, memoryGiB: 4, diskGiB: 60, vmType: 'vz' },
    );
    expect(describeRestart(same)).toBeUndefined();
    const shrink = restartPlan({ dataDisk: 60 * GiB }, { cpus: 2, memoryGiB: 4, diskGiB: 30, vmType: 'vz' });
    expect(shrink.reasons).toEqual([]);
    expect(shrink.warnings[0]).toMatch(/cannot shrink from 60 GiB to 30 GiB/);
  });
});
