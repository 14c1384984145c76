import { mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';

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
