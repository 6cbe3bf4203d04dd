// Lints small sources as if they lived in each layer and checks the boundary rule's verdicts.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'berth/layer-boundaries').map((m) => m.message);
}

describe('the layer-boundaries lint rule', () => {
  it.each([
    ['app/engine/docker/x.ts', "import { app } from 'electron';"],
    ['app/engine/docker/x.ts', "import React from 'react';"],
    ['app/engine/host/x.ts', "import { h } from '../../main/api/handlers';"],
    ['app/engine/x.ts', "export * from '../renderer/src/app';"],
    ['app/renderer/src/x.ts', "import { readFile } from 'node:fs';"],
    ['app/renderer/src/x.ts', "import { readFile } from 'fs';"],
    ['app/renderer/src/x.ts', "import Docker from 'dockerode';"],
    ['app/renderer/src/features/c/x.ts', "import { list } from '../../../../engine/docker/containers';"],
    ['app/renderer/src/x.ts', "const e = require('electron');"],
    ['app/renderer/src/x.ts', "const m = await import('../../main/api/handlers');"],
    ['app/main/api/x.ts', "import { ipcMain } from 'electron';"],
    ['app/main/serve/x.ts', "import { BrowserWindow } from 'electron';"],
    ['app/main/electron/x.ts', "import { App } from '../../renderer/src/App';"],
    ['app/main/electron/x.ts', "import { berthPaths } from '../../engine/host/paths';"],
    ['app/shared/x.ts', "import { join } from 'node:path';"],
    ['app/shared/x.ts', "import { list } from '../engine/docker/containers';"],
  ])('refuses in %s: %s', async (file, code) => {
    const errors = await boundaryErrors(file, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/must not import/);
  });

  it.each([
    ['app/main/electron/x.ts', "import { app } from 'electron';"],
    ['app/main/hosted/x.ts', "import { list } from '../../engine/docker/containers';"],
    ['app/engine/docker/x.ts', "import Docker from 'dockerode';\nimport { readFile } from 'node:fs';"],
    [
      'app/renderer/src/x.ts',
      "import { useQuery } from '@tanstack/react-query';\nimport type { Contract } from '../../shared/contract';",
    ],
    ['app/shared/x.ts', "import { z } from 'zod';"],
    ['harness/x.ts', "import { spawn } from 'node:child_process';"],
    ['app/main/api/handlers/x.ts', "import { composeCliInfo } from '../../../engine/docker';"],
    ['app/main/api/handlers/x.ts', "import type { EngineApi } from '../../../engine/docker/index';"],
    ['app/main/api/streams/x.ts', "import { podLogs } from '../../../engine/kube';"],
    ['app/main/api/handlers/x.ts', "import type { RequestHandlers } from '../types';"],
    ['app/main/api/handlers/x.int.test.ts', "import { connectEngine } from '../../../engine/docker/client';"],
    ['app/main/api/context.ts', "import type { EngineClient } from '../../engine/docker';"],
    ['app/main/api/task-journal.ts', "import { isAlive } from '../../engine/host';"],
    ['app/main/api/task-journal.ts', "import { writeJsonAtomically } from '../atomic-write';"],
    ['app/main/api/call-engine.int.test.ts', "import { connectEngine } from '../../engine/docker/client';"],
    ['app/main/api/test-support/x.ts', "import type { EngineClient } from '../../../engine/docker/client';"],
  ])('allows in %s: %s', async (file, code) => {
    expect(await boundaryErrors(file, code)).toEqual([]);
  });

  it.each([
    [
      'app/main/api/handlers/x.ts',
      "import { pullImage } from '../../../engine/docker/image-pull';",
      'app/engine/docker',
    ],
    [
      'app/main/api/handlers/x.ts',
      "import type { EngineClient } from '../../../engine/docker/client';",
      'app/engine/docker',
    ],
    [
      'app/main/api/streams/x.ts',
      "import { projectLogs } from '../../../engine/compose/project-logs';",
      'app/engine/docker, app/engine/host, app/engine/kube',
    ],
    ['app/main/api/handlers/x.ts', "export { findBinary } from '../../../engine/host/binaries';", 'app/engine/host'],
    ['app/main/api/streams/x.ts', "const m = await import('../../../engine/kube/workloads');", 'app/engine/kube'],
    ['app/main/api/context.ts', "import type { VmHost } from '../../engine/host/vm/vm-controls';", 'app/engine/host'],
    [
      'app/main/api/call-engine.ts',
      "import { withAbortSignal } from '../../engine/docker/client';",
      'app/engine/docker',
    ],
    [
      'app/main/api/task-journal.ts',
      "import { writeJsonAtomically } from '../../engine/util/atomic-write';",
      'app/engine/docker, app/engine/host, app/engine/kube',
    ],
    ['app/main/api/x.ts', "import { list } from '../../engine/docker/containers';", 'app/engine/docker'],
    ['app/main/api/kube-access.ts', "import { KubeClusters } from '../../engine/kube/clusters';", 'app/engine/kube'],
  ])('refuses a deep engine import in %s: %s', async (file, code, entry) => {
    const errors = await boundaryErrors(file, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`must reach the engine through a facade entry point (${entry})`);
  });
});
