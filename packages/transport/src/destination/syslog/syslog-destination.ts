import type { DestinationEvents, RecordDestination } from '../record-destination.js';
import type { SyslogOptions } from './syslog-options.js';
import { createTcpTransport } from './tcp-transport.js';
import { UdpTransport } from './udp-transport.js';
import { createUnixTransport } from './unix-transport.js';

/** A syslog destination: a RecordDestination that also counts what it had to drop. */
export interface SyslogDestination extends RecordDestination {
  /** Records dropped because the server was unreachable and the buffer was full (or at close). */
  readonly droppedRecords: number;
}

/**
 * Opens a syslog destination in the sink worker. `options` come from validateSyslogOptions (on the
 * caller's thread). Connecting starts at once; records written before it completes are held.
 */
export function createSyslogDestination(
  options: SyslogOptions,
  events: DestinationEvents,
): SyslogDestination {
  switch (options.protocol) {
    case 'udp':
      return new UdpTransport(options, events);
    case 'tcp':
      return createTcpTransport(options, events);
    case 'unix':
      return createUnixTransport(options, events);
  }
}
