import { connect } from 'node:net';
import type { DestinationEvents } from '../record-destination.js';
import { OctetCountedStream } from './octet-counted-stream.js';
import type { SyslogOptions } from './syslog-options.js';

/** Syslog over TCP with RFC 6587 octet counting (rsyslog: imtcp or imptcp with a port). */
export function createSyslogTcpSocket(options: SyslogOptions, events: DestinationEvents): OctetCountedStream {
  const { host, port } = options;
  return new OctetCountedStream(options, events, () => connect({ host, port }));
}
