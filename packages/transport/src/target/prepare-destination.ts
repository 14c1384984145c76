import { closeSync, statSync } from 'node:fs';
import { cannotOpenLogFile } from '@sluice/core/internal';
import { type DestinationSpec, openDestination } from '../destination/destination-spec.js';
import type { DestinationConfig } from './target-options.js';

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
