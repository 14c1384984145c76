import type { DestinationEvents, RecordDestination } from '../record-destination.js';
import type { SyslogOptions } from './syslog-options.js';
import { createSyslogTcpSocket } from './syslog-tcp-socket.js';
import { SyslogUdpSocket } from './syslog-udp-socket.js';
import { createSyslogUnixSocket } from './syslog-unix-socket.js';

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
      return new SyslogUdpSocket(options, events);
    case 'tcp':
      return createSyslogTcpSocket(options, events);
    case 'unix':
      return createSyslogUnixSocket(options, events);
  }
}
