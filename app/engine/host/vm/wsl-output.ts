// Reading wsl.exe: its own messages come as UTF-16LE (unless WSL_UTF8=1), `--list --verbose` is a
// table, `--status` is "Key: value" lines, and failures are sentences we turn into Berth's own
// sentence with the fix (WSL not installed, virtualization off, kernel too old).

export interface WslDistro {
  name: string;
  /** "Running", "Stopped", "Installing", "Converting", "Uninstalling". */
  state: string;
  version: number;
  isDefault: boolean;
}

export interface WslStatus {
  defaultDistribution?: string;
  defaultVersion?: number;
  kernelVersion?: string;
}

export interface WslProblem {
  id: 'wsl-missing' | 'virtualization-off' | 'kernel-update' | 'wsl-version-1' | 'wsl-failed';
  message: string;
  fix: string;
}

/** UTF-16LE (with or without BOM) or UTF-8, to text without NULs or CRs. */
export function decodeWslOutput(buf: Buffer): string {
  if (!buf.length) return '';
  const bom16 = buf[0] === 0xff && buf[1] === 0xfe;
  let zerosAtOdd = 0;
  const sample = Math.min(buf.length, 200);
  for (let i = 1; i < sample; i += 2) if (buf[i] === 0) zerosAtOdd++;
  const utf16 = bom16 || zerosAtOdd > sample / 4;
  const text = utf16 ? buf.subarray(bom16 ? 2 : 0).toString('utf16le') : buf.toString('utf8');
  return text
    .replace(/^\uFEFF/, '')
    .replace(/\0/g, '')
    .replace(/\r/g, '');
}

/** `wsl --list --verbose`; an empty list for "has no installed distributions". */
export function parseWslList(text: string): WslDistro[] {
  const lines = text.split('\n').filter((l) => l.trim());
  const header = lines.findIndex((l) => /\bNAME\b/.test(l) && /\bSTATE\b/.test(l));
  if (header < 0) return [];
  return lines.slice(header + 1).flatMap((l) => {
    const m = /^\s*(\*)?\s*(\S+)\s+(\S+)\s+(\d+)\s*$/.exec(l);
    return m ? [{ name: m[2]!, state: m[3]!, version: Number(m[4]), isDefault: m[1] === '*' }] : [];
  });
}

/** `wsl --status` (English output; other languages yield an empty status, which is not an error). */
export function parseWslStatus(text: string): WslStatus {
  const get = (re: RegExp) => re.exec(text)?.[1]?.trim();
  const version = get(/^Default Version:\s*(\d+)/m);
  const dist = get(/^Default Distribution:\s*(.+)$/m);
  const kernel = get(/^Kernel version:\s*(.+)$/m);
  return {
    ...(dist ? { defaultDistribution: dist } : {}),
    ...(version ? { defaultVersion: Number(version) } : {}),
    ...(kernel ? { kernelVersion: kernel } : {}),
  };
}

const INSTALL_FIX =
  'Install WSL: open PowerShell as administrator, run `wsl.exe --install --no-distribution`, restart Windows, then start the engine again.';

/** The problem a wsl.exe failure (its text, or a spawn error code) stands for. */
export function wslProblem(text: string, spawnError?: string): WslProblem {
  if (
    spawnError === 'ENOENT' ||
    /Windows Subsystem for Linux is not installed|wsl\.exe --install|is not recognized/i.test(text)
  )
    return {
      id: 'wsl-missing',
      message: "Berth's engine on Windows runs in WSL 2, but the Windows Subsystem for Linux is not installed.",
      fix: INSTALL_FIX,
    };
  if (/virtuali[sz]ation|Virtual Machine Platform|HCS_E_HYPERV_NOT_INSTALLED|0x80370102|0x80370114/i.test(text))
    return {
      id: 'virtualization-off',
      message:
        'WSL 2 cannot start virtual machines on this PC: hardware virtualization is turned off in the firmware, or the Virtual Machine Platform feature is not enabled.',
      fix: 'Turn on virtualization (Intel VT-x / AMD-V, "SVM") in the BIOS/UEFI settings, run `wsl.exe --install --no-distribution` as administrator to enable Virtual Machine Platform, and restart Windows.',
    };
  if (/kernel component|wsl(\.exe)? --update|0x800701bc/i.test(text))
    return {
      id: 'kernel-update',
      message: "WSL 2's Linux kernel is missing or too old.",
      fix: 'Run `wsl.exe --update` (as administrator if asked), then start the engine again.',
    };
  const first = text.split('\n').find((l) => l.trim()) ?? 'no output';
  return {
    id: 'wsl-failed',
    message: `wsl.exe failed: ${first.trim()}`,
    fix: 'Run `wsl.exe --status` in a terminal to see what WSL reports, fix that, then start the engine again.',
  };
}
