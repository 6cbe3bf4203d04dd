// Reading theme variables from script (canvas and xterm need real colours) and noticing changes.

export function readCssVar(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

/** Calls fn whenever the app theme (data-theme) or the system colour scheme changes. */
export function onThemeChange(fn: () => void): () => void {
  const mo = new MutationObserver(() => fn());
  mo.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme', 'class', 'style'] });
  const mq = window.matchMedia?.('(prefers-color-scheme: dark)');
  mq?.addEventListener('change', fn);
  return () => {
    mo.disconnect();
    mq?.removeEventListener('change', fn);
  };
}
