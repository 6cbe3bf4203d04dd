// Diagnostics for the VM hosts: is Lima there and new enough (macOS), is WSL 2 ready (Windows), can
// the isolated VM run (Linux: QEMU and openssl, KVM or software emulation).
import type { CheckResult, DiagnosticCheck, DiagnosticContext } from '../diagnostics';
import { Limactl, findLimactl } from './limactl';
import { linuxVmAvailability } from './qemu-host';
import { runTool } from './run';
import { decodeWslOutput, parseWslStatus, wslProblem } from './wsl-output';

async function limaCheck(ctx: DiagnosticContext): Promise<CheckResult> {
  const env = ctx.vm?.env ?? process.env;
  let file: string;
  try {
    file = findLimactl(ctx.vm?.resourcesDir, env);
  } catch (err) {
    const e = err as { reason?: string; fix?: string; message: string };
    return { passed: false, detail: e.reason ?? e.message, ...(e.fix ? { fix: e.fix } : {}) };
  }
  try {
    const version = await new Limactl(file, env).version();
    return { passed: true, detail: `${file}: Lima ${version}` };
  } catch (err) {
    const e = err as { reason?: string; fix?: string; message: string };
    return { passed: false, detail: e.reason ?? e.message, ...(e.fix ? { fix: e.fix } : {}) };
  }
}

async function wslCheck(ctx: DiagnosticContext): Promise<CheckResult> {
  const exe = ctx.vm?.wslPath ?? 'wsl.exe';
  try {
    const res = await runTool(exe, ['--status'], { env: ctx.vm?.env ?? process.env, timeoutMs: 20000 });
    const text = decodeWslOutput(res.stdout) + decodeWslOutput(res.stderr);
    if (res.code !== 0) {
      const p = wslProblem(text);
      return { passed: false, detail: p.message, fix: p.fix };
    }
    const s = parseWslStatus(text);
    return {
      passed: true,
      detail: `WSL is installed${s.defaultVersion ? ` (default version ${s.defaultVersion})` : ''}${s.kernelVersion ? `, kernel ${s.kernelVersion}` : ''}`,
    };
  } catch (err) {
    const p = wslProblem('', (err as NodeJS.ErrnoException).code);
    return { passed: false, detail: p.message, fix: p.fix };
  }
}

export function vmChecks(ctx: DiagnosticContext): DiagnosticCheck[] {
  return [
    {
      id: 'lima-installed',
      title: "Lima is available for Berth's VM",
      applies: () => ctx.hostKind === 'lima',
      run: () => limaCheck(ctx),
    },
    {
      id: 'linux-vm-ready',
      title: "QEMU is ready for Berth's isolated VM",
      applies: () => ctx.hostKind === 'linux-vm',
      run: async () => {
        const a = linuxVmAvailability(ctx.vm?.env ?? process.env);
        return a.available ? { passed: true, detail: a.reason } : { passed: false, detail: a.reason };
      },
    },
    {
      id: 'wsl-ready',
      title: "WSL 2 is ready for Berth's engine",
      applies: () => ctx.hostKind === 'wsl',
      run: () => wslCheck(ctx),
    },
  ];
}
