// docker-compose (v1 here) on the e2e engine only, for specs that set a project up or clean it away.
import { execFile } from 'node:child_process';

export function compose(args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      'docker-compose',
      ['--ansi', 'never', ...args],
      { env: { ...process.env, DOCKER_HOST: process.env.BERTH_ENGINE_HOST! } },
      (err, stdout, stderr) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, output: `${stdout}${stderr}` }),
    );
  });
}
