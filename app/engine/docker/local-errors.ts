// Failures of this machine rather than of the engine: a file that is missing or not allowed, a full
// disk, the limit of open files reached. Each becomes a sentence naming the path (never its contents)
// and what to do; a failed connection to the engine's socket is told apart from a failed file access.
import { readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { ErrorKind } from '../../shared/errors';
import { SIDE_FILE } from './side-file';

export interface LocalErrorInfo {
  code?: string;
  syscall?: string;
  path?: string;
  address?: string;
}

export interface LocalFailure {
  kind: ErrorKind;
  message: string;
}

const socketSyscalls = new Set(['connect', 'getaddrinfo', 'read', 'write']);

/** True when the error is a failed connection or read on a socket (the engine's), not a file access. */
export function isSocketError(e: LocalErrorInfo): boolean {
  return e.address !== undefined || (e.syscall !== undefined && socketSyscalls.has(e.syscall) && !e.path);
}

/** The soft limit of open files of this process, when /proc says it (read up front: at EMFILE it cannot be). */
function readOpenFilesLimit(): number | undefined {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('Max open files'));
    const soft = Number(line?.split(/\s{2,}/)[1]);
    return Number.isFinite(soft) ? soft : undefined;
  } catch {
    return undefined;
  }
}
const openFilesLimit = readOpenFilesLimit();

/** The sentence for a local limit or file failure, or undefined when `e` is none (an engine or socket error). */
export function localFailure(e: LocalErrorInfo, what: string): LocalFailure | undefined {
  const could = `Could not ${what}`;
  if (e.code === 'EMFILE') {
    const limit = openFilesLimit;
    return {
      kind: 'internal',
      message: `${could}: Berth has reached its limit of open files and connections${limit ? ` (${limit})` : ''}. Close some views, terminals or downloads, or raise the limit (\`ulimit -n\`) and restart Berth.`,
    };
  }
  if (e.code === 'ENFILE')
    return {
      kind: 'internal',
      message: `${could}: this machine has reached its limit of open files (fs.file-max). Close some programs, then try again.`,
    };
  if (!e.path || isSocketError(e)) return undefined;
  const side = SIDE_FILE.test(e.path);
  const where = side ? `the folder ${dirname(e.path)}` : e.path;
  switch (e.code) {
    case 'ENOENT':
      return {
        kind: 'not-found',
        message: side
          ? `${could}: ${where} does not exist (any more). Choose a folder that exists, then try again.`
          : `${could}: ${where} does not exist (any more). Check the path, then try again.`,
      };
    case 'ENOTDIR':
      return {
        kind: 'invalid',
        message: `${could}: a part of ${side ? dirname(e.path) : e.path} is a file where a folder is needed. Check the path.`,
      };
    case 'EISDIR':
      return { kind: 'invalid', message: `${could}: ${e.path} is a folder, not a file. Give a file name.` };
    case 'EACCES':
    case 'EPERM':
      return {
        kind: 'invalid',
        message: `${could}: permission denied ${side ? `writing in ${where}` : `on ${where}`}. Check its permissions, or choose another place.`,
      };
    case 'EROFS':
      return {
        kind: 'invalid',
        message: `${could}: ${where} is on a read-only file system. Choose another place.`,
      };
    case 'ENOSPC':
    case 'EDQUOT':
      return {
        kind: 'internal',
        message: `${could}: the disk holding ${side ? where : `${basename(e.path)} (in ${dirname(e.path)})`} is full${e.code === 'EDQUOT' ? ' (your disk quota is used up)' : ''}. Free some space, then try again.`,
      };
    case 'ENAMETOOLONG':
      return { kind: 'invalid', message: `${could}: the path ${where} is too long. Choose a shorter name.` };
    default:
      return undefined;
  }
}
