import { FACILITIES, type FacilityName } from './facility.js';
import type { StructuredData } from './structured-data.js';

/**
 * Syslog destination: RFC 5424 messages over UDP, TCP or a unix stream socket, written by the sink worker.
 *
 * Message (RFC 5424 §6): `<PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID STRUCTURED-DATA MSG`
 * - PRI = facility * 8 + severity; pino levels map by range: < 30 (trace, debug) -> 7 debug, 30-39 (info)
 *   -> 6 informational, 40-49 (warn) -> 4 warning, 50-59 (error) -> 3 error, >= 60 (fatal) -> 2 critical.
 * - TIMESTAMP: RFC 3339 local time with milliseconds and the UTC offset (2024-05-01T12:00:00.123+02:00),
 *   taken when the sink worker writes the record (the record's own "time" field keeps the log call's time).
 * - Absent HOSTNAME / APP-NAME / PROCID / MSGID / STRUCTURED-DATA are the NILVALUE '-'.
 * - MSG is the formatted record without its trailing newline. Control characters (0x00-0x1f, 0x7f, tab
 *   included) become '#' and three octal digits ('\n' -> '#012'), exactly what rsyslog does on receipt
 *   by default (parser.escapeControlCharactersOnReceive): no byte of a record can end a message early in
 *   any framing, on any relay (LF-framed forwarding, line-based files), and the stored text is the same
 *   whichever side escaped it. A literal '#012' in the text is not distinguishable (as in rsyslog).
 * - UTF-8 BOM: RFC 5424 §6.4 wants MSG-UTF8 to start with a BOM, but rsyslog (tested: 8.2302) keeps the
 *   BOM as the first three bytes of its `msg` property, so it lands in files and in front of the '{' of a
 *   JSON record given to parsers. So MSG is sent as MSG-ANY (no BOM) by default; `utf8Bom: true` adds it.
 *
 * Framing per protocol:
 * - `udp`: one datagram per record (RFC 5426). A message longer than `maxMessageBytes` (default 8192,
 *   rsyslog's default maxMessageSize; IPv4 UDP allows at most 65507) is cut at a UTF-8 character (and
 *   escape) boundary and ends with the marker `…[truncated from N bytes]` (N = the record's MSG bytes);
 *   never split into a second datagram, which a receiver would take for a message of its own. UDP has no
 *   acknowledgement: a send error (nothing listening: ECONNREFUSED) is reported, the datagram is lost.
 * - `tcp`: RFC 6587 octet counting, `MSG-LEN SP SYSLOG-MSG`; rsyslog's imtcp and imptcp accept it by
 *   default (supportOctetCountedFraming="on"). `maxMessageBytes` applies as for UDP (a receiver truncates
 *   longer ones itself).
 * - `unix`: a unix *stream* socket with the same octet counting, for rsyslog's imptcp
 *   `input(type="imptcp" path="/run/app-syslog.sock")`. Node's dgram has no unix datagram sockets, so
 *   the datagram socket of imuxsock (/dev/log) is out of reach.
 *
 * Buffer rule (tcp, unix): records written while the connection is down (or not up yet) are held, up to
 * `bufferBytes` of framed messages (default 1 MiB); when the next record does not fit it is dropped, and
 * so is every later one until the connection is back (drop newest: what is held is the start of the
 * outage, in order, with no hole inside it). Drops are counted (`droppedRecords`), reported once through
 * onUnreachable, and after reconnecting, right after the held records, one warning message tells the
 * receiver `sluice dropped N records while the syslog server was unreachable`. The connection is retried with
 * backoff (50 ms doubling to 2 s). Bytes handed to the kernel before the server went away are lost the
 * way plain TCP syslog always loses them (no application-level acknowledgement; RELP would be needed);
 * a write Node reports as failed is held again and resent (at-least-once: a record cut off mid-write can
 * reach the server twice, never zero times). `close()` keeps trying to reach the server for up to
 * `closeTimeoutMs` (default 2000) to deliver what is held (udp: what was held before its socket could
 * connect, e.g. a host name that does not resolve yet); what it then gives up is dropped, counted and
 * reported in one line naming the target, the count and the cause.
 *
 * Tested with rsyslog 8.2302 (packages/transport/test/destination-syslog.test.ts):
 *   global(maxMessageSize="64k" parser.escapeControlCharactersOnReceive="off")
 *   module(load="imudp") module(load="imtcp") module(load="imptcp")
 *   input(type="imudp" address="127.0.0.1" port="<udp>")
 *   input(type="imtcp" address="127.0.0.1" port="<tcp>")
 *   input(type="imptcp" path="<dir>/syslog.sock" unlink="on")
 *   action(type="omfile" file="<dir>/received.jsonl" template="<one JSON line per message: pri,
 *     syslogfacility, syslogseverity, hostname, app-name, procid, msgid, structured-data, msg>")
 */

export type SyslogProtocol = 'udp' | 'tcp' | 'unix';

/** A syslog target as configured (every field optional). */
export type SyslogConfig = Readonly<
  Partial<Omit<SyslogOptions, 'facility'>> & {
    /** A facility name ('user', 'local0', ...) or number 0-23. Defaults to 'user'. */
    facility?: FacilityName | number;
  }
>;

/** Resolved syslog options: plain data, so they cross to the sink worker as they are. */
export interface SyslogOptions {
  /** Defaults to 'udp'. */
  protocol: SyslogProtocol;
  /** Server host for udp and tcp. Defaults to '127.0.0.1'. A host name resolves to IPv4. */
  host: string;
  /** Server port for udp and tcp. Defaults to 514. */
  port: number;
  /** Socket path for unix (required there). */
  path: string | undefined;
  /** 0-23. Defaults to 1 (user). */
  facility: number;
  /** APP-NAME: 1-48 printable ASCII characters. Defaults to process.title (sanitised), else 'node'. */
  appName: string;
  /** HOSTNAME: 1-255 printable ASCII characters. Defaults to os.hostname(). */
  hostname: string;
  /** PROCID: 1-128 printable ASCII characters. Defaults to process.pid. */
  procid: string;
  /** MSGID: 1-32 printable ASCII characters. Defaults to none (NILVALUE). */
  msgid: string | undefined;
  /** Static SD-ELEMENTs added to every message. Defaults to none (NILVALUE). */
  structuredData: StructuredData | undefined;
  /** Start MSG with the UTF-8 BOM (RFC 5424 §6.4). Defaults to false (see above). */
  utf8Bom: boolean;
  /** Longest SYSLOG-MSG in bytes; longer ones are truncated and marked. Defaults to 8192. */
  maxMessageBytes: number;
  /** tcp/unix: framed bytes held while the connection is down; then newest records drop. Defaults to 1 MiB. */
  bufferBytes: number;
  /**
   * How long `close()` still tries to reach a server that is down to deliver what is held; then those
   * records are dropped, counted and reported in one line. Defaults to 2000 ms (0: do not wait).
   */
  closeTimeoutMs: number;
}

export const SYSLOG_DEFAULTS = Object.freeze({
  protocol: 'udp',
  host: '127.0.0.1',
  port: 514,
  facility: FACILITIES.user,
  utf8Bom: false,
  maxMessageBytes: 8192,
  bufferBytes: 1024 * 1024,
  closeTimeoutMs: 2000,
} as const);

/** The largest UDP payload over IPv4 (65535 - 8 UDP header - 20 IP header). */
export const MAX_UDP_PAYLOAD = 65507;
/** RFC 5426 §3.2: every IPv4 receiver must accept 480 octets; below that nothing is portable. */
export const MIN_MESSAGE_BYTES = 480;
/** close() waits at most this long for a server, so a transport's close() stays bounded. */
export const MAX_CLOSE_TIMEOUT_MS = 60_000;
