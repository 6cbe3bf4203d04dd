// Debian's Chromium as the e2e tests and the benchmarks launch it (BERTH_CHROMIUM points elsewhere).
export const CHROMIUM = process.env.BERTH_CHROMIUM ?? '/usr/bin/chromium';

/** No sandbox (root in a container), no GPU, and nothing that reaches out to the network by itself. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
