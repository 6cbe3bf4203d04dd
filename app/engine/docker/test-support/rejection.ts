// For integration tests: the BerthError a promise rejects with (failing the test if it resolves or
// rejects with anything else).
import { expect } from 'vitest';
import { BerthError } from '../../../shared/errors';

export async function rejection(p: Promise<unknown>): Promise<BerthError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(BerthError);
  return err as BerthError;
}
