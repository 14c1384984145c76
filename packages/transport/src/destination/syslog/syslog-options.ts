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
import { hostname as osHostname } from 'node:os';
import { SluiceConfigError } from '@sluice/core';
import { optionKeys, rejectUnknownKeys } from '@sluice/core/internal';
import { describeConfigValue } from './config-value.js';
import { FACILITIES, type FacilityName, MAX_FACILITY } from './facility.js';
import { Rfc5424Encoder, TRUNCATION_ROOM } from './rfc5424-encoder.js';
import { type StructuredData, validateStructuredData } from './structured-data.js';

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

const PROTOCOLS: readonly SyslogProtocol[] = ['udp', 'tcp', 'unix'];
/** The largest UDP payload over IPv4 (65535 - 8 UDP header - 20 IP header). */
export const MAX_UDP_PAYLOAD = 65507;
/** RFC 5426 §3.2: every IPv4 receiver must accept 480 octets; below that nothing is portable. */
export const MIN_MESSAGE_BYTES = 480;
const MAX_STREAM_MESSAGE_BYTES = 16 * 1024 * 1024;
/** close() waits at most this long for a server, so a transport's close() stays bounded. */
export const MAX_CLOSE_TIMEOUT_MS = 60_000;

/** A syslog destination's keys: its `type` (in a target) and every syslog option. */
const SYSLOG_OPTION_KEYS = optionKeys<SyslogConfig & { type?: 'syslog' }>({
  type: true,
  protocol: true,
  host: true,
  port: true,
  path: true,
  facility: true,
  appName: true,
  hostname: true,
  procid: true,
  msgid: true,
  structuredData: true,
  utf8Bom: true,
  maxMessageBytes: true,
  bufferBytes: true,
  closeTimeoutMs: true,
});

/** RFC 5424's PRINTUSASCII (%d33-126): what HOSTNAME, APP-NAME, PROCID and MSGID may contain. */
const PRINTUSASCII = /^[\x21-\x7e]+$/;

/**
 * Checks a syslog target's options and resolves every default (on the caller's thread, where a bad
 * value can still throw to the code that configured it). Throws SluiceConfigError naming the bad value
 * and what is valid.
 */
export function validateSyslogOptions(raw: unknown): SyslogOptions {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new SluiceConfigError(`Invalid syslog options: ${describeConfigValue(raw)}. Use an object.`);
  }
  const config = raw as Record<string, unknown>;
  rejectUnknownKeys(config, SYSLOG_OPTION_KEYS, 'syslog options');

  const protocol = config.protocol ?? SYSLOG_DEFAULTS.protocol;
  if (!PROTOCOLS.includes(protocol as SyslogProtocol)) {
    throw new SluiceConfigError(
      `Invalid syslog protocol: ${describeConfigValue(protocol)}. Valid choices: ${PROTOCOLS.map((p) => `"${p}"`).join(', ')}.`,
    );
  }
  const host = config.host ?? SYSLOG_DEFAULTS.host;
  if (typeof host !== 'string' || host === '') {
    throw new SluiceConfigError(
      `Invalid syslog host: ${describeConfigValue(host)}. Use a host name or IP address.`,
    );
  }
  const port = config.port ?? SYSLOG_DEFAULTS.port;
  if (!Number.isInteger(port) || (port as number) < 1 || (port as number) > 65535) {
    throw new SluiceConfigError(
      `Invalid syslog port: ${describeConfigValue(port)}. Use an integer from 1 to 65535.`,
    );
  }
  const path = config.path;
  if (protocol === 'unix' ? typeof path !== 'string' || path === '' : path !== undefined) {
    throw new SluiceConfigError(
      protocol === 'unix'
        ? `Invalid syslog path: ${describeConfigValue(path)}. protocol "unix" needs the socket's path, e.g. "/run/app-syslog.sock".`
        : `Invalid syslog path: ${describeConfigValue(path)}. path is for protocol "unix"; "${protocol}" uses host and port.`,
    );
  }

  const maxLimit = protocol === 'udp' ? MAX_UDP_PAYLOAD : MAX_STREAM_MESSAGE_BYTES;
  const maxMessageBytes = config.maxMessageBytes ?? SYSLOG_DEFAULTS.maxMessageBytes;
  if (!isIntegerIn(maxMessageBytes, MIN_MESSAGE_BYTES, maxLimit)) {
    throw new SluiceConfigError(
      `Invalid syslog maxMessageBytes: ${describeConfigValue(maxMessageBytes)}. Use an integer from ${MIN_MESSAGE_BYTES} to ${maxLimit} for protocol "${protocol}".`,
    );
  }
  const bufferBytes = config.bufferBytes ?? SYSLOG_DEFAULTS.bufferBytes;
  if (!isIntegerIn(bufferBytes, 0, 2 ** 31 - 1)) {
    throw new SluiceConfigError(
      `Invalid syslog bufferBytes: ${describeConfigValue(bufferBytes)}. Use an integer from 0 (hold nothing while disconnected) to ${2 ** 31 - 1}.`,
    );
  }
  const closeTimeoutMs = config.closeTimeoutMs ?? SYSLOG_DEFAULTS.closeTimeoutMs;
  if (!isIntegerIn(closeTimeoutMs, 0, MAX_CLOSE_TIMEOUT_MS)) {
    throw new SluiceConfigError(
      `Invalid syslog closeTimeoutMs: ${describeConfigValue(closeTimeoutMs)}. Use an integer number of milliseconds from 0 (do not wait for the server at close) to ${MAX_CLOSE_TIMEOUT_MS}.`,
    );
  }
  const utf8Bom = config.utf8Bom ?? SYSLOG_DEFAULTS.utf8Bom;
  if (typeof utf8Bom !== 'boolean') {
    throw new SluiceConfigError(
      `Invalid syslog utf8Bom: ${describeConfigValue(utf8Bom)}. Use true or false.`,
    );
  }

  const options: SyslogOptions = {
    protocol: protocol as SyslogProtocol,
    host,
    port: port as number,
    path: path as string | undefined,
    facility: validateFacility(config.facility),
    appName: headerField('appName', config.appName, 48) ?? defaultAppName(),
    hostname: headerField('hostname', config.hostname, 255) ?? (sanitise(osHostname(), 255) || '-'),
    procid:
      headerField('procid', typeof config.procid === 'number' ? String(config.procid) : config.procid, 128) ??
      String(process.pid),
    msgid: headerField('msgid', config.msgid, 32),
    structuredData: validateStructuredData(config.structuredData),
    utf8Bom,
    maxMessageBytes: maxMessageBytes as number,
    bufferBytes: bufferBytes as number,
    closeTimeoutMs: closeTimeoutMs as number,
  };
  const headerBytes = new Rfc5424Encoder(options).maxHeaderLength;
  if (headerBytes + TRUNCATION_ROOM > options.maxMessageBytes) {
    throw new SluiceConfigError(
      `Invalid syslog maxMessageBytes: ${options.maxMessageBytes}. The header (hostname, appName, procid, msgid, ` +
        `structuredData) takes up to ${headerBytes} bytes; use at least ${headerBytes + TRUNCATION_ROOM}, or shorter header fields.`,
    );
  }
  return options;
}

/** How errors and stats() name a syslog target: `syslog tcp 127.0.0.1:514`, `syslog unix /run/app.sock`. */
export function syslogTargetName(
  options: Pick<SyslogOptions, 'protocol' | 'host' | 'port' | 'path'>,
): string {
  return options.protocol === 'unix'
    ? `syslog unix ${options.path}`
    : `syslog ${options.protocol} ${options.host}:${options.port}`;
}

function validateFacility(facility: unknown): number {
  if (facility === undefined) return SYSLOG_DEFAULTS.facility;
  if (typeof facility === 'string' && Object.hasOwn(FACILITIES, facility)) {
    return FACILITIES[facility as FacilityName];
  }
  if (isIntegerIn(facility, 0, MAX_FACILITY)) return facility as number;
  throw new SluiceConfigError(
    `Invalid syslog facility: ${describeConfigValue(facility)}. Use a number from 0 to ${MAX_FACILITY} or one of: ${Object.keys(
      FACILITIES,
    )
      .map((name) => `"${name}"`)
      .join(', ')}.`,
  );
}

/** A header field given by the user: 1..max PRINTUSASCII characters, or undefined when not given. */
function headerField(option: string, value: unknown, max: number): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length > max || !PRINTUSASCII.test(value)) {
    throw new SluiceConfigError(
      `Invalid syslog ${option}: ${describeConfigValue(value)}. Use 1 to ${max} printable ASCII characters (33-126: no spaces, no non-ASCII).`,
    );
  }
  return value;
}

/** process.title is 'node' or whatever the app set; anything outside PRINTUSASCII cannot be sent. */
function defaultAppName(): string {
  return sanitise(process.title.split(' ')[0].split('/').pop() ?? '', 48) || 'node';
}

function sanitise(value: string, max: number): string {
  return value.replace(/[^\x21-\x7e]/g, '').slice(0, max);
}

function isIntegerIn(value: unknown, min: number, max: number): boolean {
  return Number.isInteger(value) && (value as number) >= min && (value as number) <= max;
}
