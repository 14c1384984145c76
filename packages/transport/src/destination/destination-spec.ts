import { closeSync, mkdirSync, openSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { cannotOpenLogFile } from '@sluice/core/internal';
import type { DestinationConfig } from './target-spec.js';

/** A file or descriptor to open on the caller's side (checked at start, or written by a self-drain). */
export interface DestinationSpec {
  /** A file descriptor (1 stdout, 2 stderr) or a file path. */
  dest: number | string;
  mkdir: boolean;
  append: boolean;
  /** Permission bits of a file created here. */
  mode: number;
}

/**
 * Opens the destination for writing. `truncate` applies only to the first opening (the transport's own);
 * every later opening (the worker, a producer writing its ring out) appends.
 */
export function openDestination(spec: DestinationSpec, truncate: boolean): number {
  if (typeof spec.dest === 'number') return spec.dest;
  if (spec.mkdir) mkdirSync(dirname(spec.dest), { recursive: true });
  return openSync(spec.dest, truncate && !spec.append ? 'w' : 'a', spec.mode);
}

/**
 * Opens a file path once on the caller's thread: a path that cannot be opened throws SluiceConfigError
 * from createTransport, rather than killing every sink worker started for it (restarted forever), and
 * the file is truncated once when `append` is false. FIFOs and devices are left to the worker: opening
 * a FIFO blocks until it has a reader.
 */
export function prepareDestination(config: DestinationConfig): void {
  // A syslog socket or an OTLP collector is reached (and retried) by the worker: an unreachable server
  // is not a configuration error, records wait in its bounded buffer.
  if (
    config.type === 'fd' ||
    config.type === 'syslog' ||
    config.type === 'otlp' ||
    isSpecialFile(config.path)
  ) {
    return;
  }
  const spec: DestinationSpec = {
    dest: config.path,
    mkdir: config.mkdir,
    append: config.type === 'file' ? config.append : true,
    mode: config.mode,
  };
  try {
    closeSync(openDestination(spec, true));
  } catch (error) {
    throw cannotOpenLogFile(config.path, error, spec.mkdir);
  }
}

function isSpecialFile(path: string): boolean {
  try {
    const stats = statSync(path);
    return stats.isFIFO() || stats.isCharacterDevice() || stats.isSocket();
  } catch {
    return false; // missing: opening it creates a regular file
  }
}

/** Writes all of `bytes[0, length)` synchronously, retrying short writes and EAGAIN (bounded backoff). */
export function writeAllSync(fd: number, bytes: Buffer, length: number): void {
  let offset = 0;
  let retries = 0;
  while (offset < length) {
    try {
      offset += writeSync(fd, bytes, offset, length - offset);
      retries = 0;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN' || ++retries > EAGAIN_RETRIES) throw error;
      Atomics.wait(EAGAIN_SLEEP, 0, 0, Math.min(100, 2 ** retries));
    }
  }
}

/** A stalled non-blocking pipe gets ~100 retries with backoff (about 10 s) before the write gives up. */
const EAGAIN_RETRIES = 100;
const EAGAIN_SLEEP = new Int32Array(new SharedArrayBuffer(4));
