// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { DetailPage, NotFound } from './DetailPage';

afterEach(cleanup);

const back = { href: '#/things', label: 'Back to things' };

describe('DetailPage', () => {
  it('is a region named by its heading, with the way back, the facts, the actions and the body', () => {
    render(
      <DetailPage
        titleId="thing-title"
        title="web"
        titleHint="the web thing"
        back={back}
        facts={<span>running</span>}
        actions={<button type="button">Stop</button>}
      >
        <p>body</p>
      </DetailPage>,
    );
    const region = screen.getByRole('region', { name: 'web' });
    expect(region.className).toBe('detail');
    expect(screen.getByRole('heading', { name: 'web', level: 1 }).getAttribute('title')).toBe('the web thing');
    expect(screen.getByRole('link', { name: 'Back to things' }).getAttribute('href')).toBe('#/things');
    expect(region.textContent).toContain('running');
    expect(screen.getByRole('button', { name: 'Stop' })).toBeTruthy();
    expect(region.lastElementChild?.textContent).toBe('body');
  });

  it('adds its own class and leaves out a tooltip it was not given', () => {
    render(
      <DetailPage titleId="t" title="shop" className="wide" back={back} facts={null} actions={null}>
        {null}
      </DetailPage>,
    );
    expect(screen.getByRole('region', { name: 'shop' }).className).toBe('detail wide');
    expect(screen.getByRole('heading', { name: 'shop' }).hasAttribute('title')).toBe(false);
  });
});

describe('NotFound', () => {
  it('alerts what is missing and why, with anything extra and the way back', () => {
    render(
      <NotFound title="Thing not found" back={back} extra={<pre>last output</pre>}>
        No thing “x” exists any more.
      </NotFound>,
    );
    const alert = screen.getByRole('alert');
    expect(screen.getByRole('heading', { name: 'Thing not found' })).toBeTruthy();
    expect(alert.textContent).toContain('No thing “x” exists any more.');
    expect(alert.textContent).toContain('last output');
    expect(screen.getByRole('link', { name: 'Back to things' }).getAttribute('href')).toBe('#/things');
  });
});
