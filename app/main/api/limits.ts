// What one client (a browser tab on `berth serve`, or a desktop window) may hold at once. Every
// limit is a number here, tested with that number, and refused with a sentence when reached.

/** Requests one client may have running at once; more wait in its queue, in order. */
export const MAX_REQUESTS_IN_FLIGHT = 32;
/** Requests that may wait behind those; beyond this a request is refused with a sentence. */
export const MAX_QUEUED_REQUESTS = 4096;
/** Bytes of waiting requests (their frames as received); beyond this a request is refused. */
export const MAX_QUEUED_REQUEST_BYTES = 16 * 1024 * 1024;
/**
 * Streams one client may have open at once (logs, stats, terminals, downloads, uploads …). Each
 * long-lived engine connection (a followed log, a stats stream, a terminal, a download) belongs to
 * one stream, so this also bounds the engine connections one client can hold open.
 */
export const MAX_SUBSCRIPTIONS = 100;
/**
 * Bytes a transport may hold for one client before replies and stream data wait for it to drain
 * (the WebSocket's bufferedAmount). A client that stops reading stops costing memory here.
 */
export const MAX_BUFFERED_BYTES = 1024 * 1024;

/** The sentence for a request refused because the client's queue is full. */
export function busySentence(waiting: number): string {
  return `Berth is busy: this window already has ${waiting} requests waiting (the limit is ${MAX_QUEUED_REQUESTS} requests or ${MAX_QUEUED_REQUEST_BYTES / 1024 / 1024} MB). Wait for them to finish, then try again.`;
}

export function tooManyStreamsSentence(): string {
  return `This window already has ${MAX_SUBSCRIPTIONS} live views open (logs, stats, terminals, transfers), the most Berth allows one window. Close some, then try again.`;
}

/**
 * Bytes of input one stream may hold waiting (a terminal's keystrokes before its exec runs, or
 * while the container does not read them; an upload's chunks). Beyond this an input is refused.
 */
export const MAX_QUEUED_INPUT_BYTES = 1024 * 1024;

export function inputBacklogSentence(): string {
  return `Input arrives faster than it can be passed on: ${MAX_QUEUED_INPUT_BYTES / 1024 / 1024} MB is already waiting, the most Berth holds for one stream. This input was dropped; wait a moment, then send it again.`;
}
