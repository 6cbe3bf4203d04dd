// @vitest-environment happy-dom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ComposeCliInfo } from '../../../../shared/contract/areas/compose';
import { renderWithClient } from '../../test-support/render';
import { ComposeCliNote } from './ComposeCliNote';

afterEach(cleanup);

const show = (info: ComposeCliInfo) => renderWithClient(<ComposeCliNote ready />, () => info);

describe('ComposeCliNote', () => {
  it('names the compose CLI in use', async () => {
    show({ available: true, command: 'docker-compose', version: '1.29.2' });
    expect(await screen.findByText('using docker-compose 1.29.2')).toBeTruthy();
  });

  it('says none is installed and what to install', async () => {
    show({ available: false, reason: 'missing', advice: 'Install the Docker Compose plugin.' });
    expect((await screen.findByRole('alert')).textContent).toBe(
      'No compose CLI is installed, so Up, Down and Pull cannot run (Start, Stop and Restart still work). Install the Docker Compose plugin.',
    );
  });

  it('says a CLI that did not answer in time is slow, never that it is missing', async () => {
    show({ available: false, reason: 'slow', advice: 'Try again in a moment; nothing was changed.' });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(
      'The compose CLI did not answer in time, so Up, Down and Pull cannot run right now (Start, Stop and Restart still work). Try again in a moment; nothing was changed.',
    );
    expect(alert.textContent).not.toContain('installed');
  });
});
