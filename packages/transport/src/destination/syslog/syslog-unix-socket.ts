import { connect } from 'node:net';
import type { DestinationEvents } from '../record-destination.js';
import { OctetCountedStream } from './octet-counted-stream.js';
import type { SyslogOptions } from './syslog-options.js';

/**
 * Syslog over a unix *stream* socket with RFC 6587 octet counting, the framing rsyslog's imptcp accepts
 * on a unix socket: `input(type="imptcp" path="/run/app-syslog.sock" unlink="on")`. Node's dgram module
 * has no unix datagram sockets (AF_UNIX SOCK_DGRAM), so the datagram socket of imuxsock (/dev/log,
 * /run/systemd/journal/syslog) cannot be used; and a stream gives reconnects and a bounded buffer that a
 * datagram socket would not.
 */
export function createSyslogUnixSocket(
  options: SyslogOptions,
  events: DestinationEvents,
): OctetCountedStream {
  const path = options.path as string;
  return new OctetCountedStream(options, events, () => connect({ path }));
}
