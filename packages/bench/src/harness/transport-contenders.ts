/**
 * Loggers whose writing happens off the caller's path, opened on one destination (a path: /dev/null,
 * a FIFO) with the reference record bound as the call:
 *
 * - sluice: createTransport({ dest, policy }) + createLogger({ transport }), the object API, or a
 *   precompiled event (`openSluiceTransportEvent`: nothing allocated per call);
 * - pino.transport({ target: 'pino/file' }) (thread-stream: a worker thread writes);
 * - pino.destination({ sync: false }) (sonic-boom: writes from the caller's thread via libuv);
 * - pino(sluiceDestination({ transport })): pino formats on the caller's thread, its lines go into a
 *   sluice ring as bytes and sluice's sink worker writes them (the one-line migration).
 */
import { once } from 'node:events';
import { createLogger, type Logger } from '@sluice/core';
import { createTransport, type FullPolicy, type Transport } from '@sluice/transport';
import { sluiceDestination } from '@sluice/transport/pino';
import pino from 'pino';
import { REFERENCE_MESSAGE, REFERENCE_SCHEMA } from '../fixtures/reference-record.js';

export interface TransportContender {
  readonly label: string;
  /** Logs the reference record with iteration `i`. */
  readonly call: (i: number) => void;
  /**
   * Logs the reference record through a child made for this call, as a server's per-request logger does
   * (`log.child({ reqId: i }).info(fields, msg)`); null for a precompiled event, which has no such use.
   */
  readonly callChild: ((i: number) => void) | null;
  /** Resolves once the logger says everything logged so far is handed on (each library's own flush). */
  flush(): Promise<void>;
  /** Flushes and closes: after it resolves the destination's file descriptor is closed. */
  close(): Promise<void>;
  /** Records dropped by a full-buffer policy; null for a logger that has none. */
  dropped(): number | null;
}

/**
 * A destination: a path, or an open descriptor (a pipe) with what the label says of it (`, to a pipe`).
 */
export type ContenderDest = string | { readonly fd: number; readonly label: string };

export function openSluiceTransport(
  dest: ContenderDest,
  policy: FullPolicy = 'block',
): Promise<TransportContender> {
  return openSluice(dest, policy, '', (log) => ({
    call: (i) => log.info(REFERENCE_MESSAGE, referenceFields(i)),
    callChild: (i) => log.child({ reqId: i }).info(referenceFields(i), REFERENCE_MESSAGE),
  }));
}

/** The reference record's fields for iteration `i`, a fresh object per call as an application passes. */
function referenceFields(i: number) {
  return { iteration: i, batch: 'performance_test', user_id: 12345, success: true };
}

export function openSluiceTransportEvent(
  dest: string,
  policy: FullPolicy = 'block',
): Promise<TransportContender> {
  return openSluice(dest, policy, ', precompiled event', (log) => {
    const event = log.event(REFERENCE_MESSAGE, REFERENCE_SCHEMA);
    return { call: (i) => event.info(i, 'performance_test', 12345, true), callChild: null };
  });
}

/** A sluice transport on `dest`, the reference record logged by the calls `bind` makes from its logger. */
async function openSluice(
  dest: ContenderDest,
  policy: FullPolicy,
  labelSuffix: string,
  bind: (log: Logger) => Pick<TransportContender, 'call' | 'callChild'>,
): Promise<TransportContender> {
  const transport = createTransport({ dest: destTarget(dest), policy });
  await transport.ready;
  return {
    label: `sluice createTransport({ policy: '${policy}' })${labelSuffix}${destLabel(dest)}`,
    ...bind(createLogger({ transport })),
    flush: () => transport.flush(),
    close: () => transport.close(),
    dropped: () => droppedByTransport(transport),
  };
}

export async function openPinoTransport(dest: ContenderDest): Promise<TransportContender> {
  const stream = pino.transport({ target: 'pino/file', options: { destination: destTarget(dest) } });
  await once(stream, 'ready');
  const log = pino(stream);
  const flush = () => new Promise<void>((resolve) => stream.flush(() => resolve()));
  return {
    label: `pino.transport({ target: 'pino/file' })${destLabel(dest)}`,
    call: (i) => log.info(referenceFields(i), REFERENCE_MESSAGE),
    callChild: (i) => log.child({ reqId: i }).info(referenceFields(i), REFERENCE_MESSAGE),
    flush,
    close: async () => {
      await flush();
      const closed = once(stream, 'close');
      // pino unreferences its worker: without a handle of our own the process would exit while waiting.
      const keepAlive = setInterval(() => {}, 1_000);
      stream.end();
      await closed;
      clearInterval(keepAlive);
    },
    dropped: () => null,
  };
}

export async function openPinoAsync(dest: string): Promise<TransportContender> {
  const stream = pino.destination({ dest, sync: false });
  await once(stream, 'ready');
  const log = pino(stream);
  let pending = false;
  stream.on('drain', () => {
    pending = false;
  });
  return {
    label: 'pino.destination({ sync: false })',
    call: (i) => {
      pending = true;
      log.info(referenceFields(i), REFERENCE_MESSAGE);
    },
    callChild: (i) => {
      pending = true;
      log.child({ reqId: i }).info(referenceFields(i), REFERENCE_MESSAGE);
    },
    // sonic-boom 4 emits 'drain' once it has written everything after a busy spell; flush(cb) does not wait.
    flush: () => (pending ? once(stream, 'drain').then(() => undefined) : Promise.resolve()),
    close: async () => {
      const closed = once(stream, 'close');
      stream.end();
      await closed;
    },
    dropped: () => null,
  };
}

export async function openPinoSluiceDestination(
  dest: string,
  policy: FullPolicy = 'block',
): Promise<TransportContender> {
  const transport = createTransport({ dest, policy });
  await transport.ready;
  const log = pino(sluiceDestination({ transport }));
  return {
    label: `pino + sluiceDestination({ policy: '${policy}' })`,
    call: (i) => log.info(referenceFields(i), REFERENCE_MESSAGE),
    callChild: (i) => log.child({ reqId: i }).info(referenceFields(i), REFERENCE_MESSAGE),
    flush: () => transport.flush(),
    close: () => transport.close(),
    dropped: () => droppedByTransport(transport),
  };
}

/** Records a sluice transport counted as dropped, every level together. */
export function droppedByTransport(transport: Transport): number {
  return Object.values(transport.stats().dropped).reduce((sum, n) => sum + n, 0);
}

/** What a logger opens: the path, or the descriptor. */
function destTarget(dest: ContenderDest): string | number {
  return typeof dest === 'string' ? dest : dest.fd;
}

/** What a contender's label says of its destination: nothing for a path, the descriptor's label else. */
function destLabel(dest: ContenderDest): string {
  return typeof dest === 'string' ? '' : dest.label;
}
