import { describe, expect, it } from 'vitest';
import { EngineStepError, failureOf, runStep, StepFailure } from './step-error';

const fixFor = (message: string) => `fix for: ${message}`;

describe('runStep', () => {
  it('returns what the step returns', async () => {
    expect(await runStep('Counting', () => 3, fixFor)).toBe(3);
  });

  it('names the step, with the EngineStepError’s own reason and fix', async () => {
    const err = await runStep(
      'Checking prerequisites',
      () => {
        throw new EngineStepError('unavailable', 'dockerd is missing.', 'Install docker.io.');
      },
      fixFor,
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StepFailure);
    expect((err as StepFailure).failure).toEqual({
      step: 'Checking prerequisites',
      message: 'dockerd is missing.',
      fix: 'Install docker.io.',
    });
  });

  it('gives any other error the host’s fix, and keeps an inner step’s failure as it is', async () => {
    const plain = await runStep('Starting dockerd', () => Promise.reject(new Error('EACCES')), fixFor).catch(
      (e: unknown) => e,
    );
    expect((plain as StepFailure).failure).toEqual({
      step: 'Starting dockerd',
      message: 'EACCES',
      fix: 'fix for: EACCES',
    });
    const inner = new StepFailure({ step: 'Inner', message: 'm', fix: 'f' });
    await expect(runStep('Outer', () => Promise.reject(inner), fixFor)).rejects.toBe(inner);
  });
});

describe('failureOf', () => {
  it('is a step’s own failure, else the fallback step with what failed and why', () => {
    const inner = new StepFailure({ step: 'Waiting for the engine API', message: 'm', fix: 'f' });
    expect(failureOf(inner, 'Starting the VM', 'The VM did not start', fixFor)).toBe(inner.failure);
    expect(failureOf(new Error('boom'), 'Starting the VM', 'The VM did not start', fixFor)).toEqual({
      step: 'Starting the VM',
      message: 'The VM did not start: boom',
      fix: 'fix for: boom',
    });
  });
});
