import { hostname as osHostname } from 'node:os';
import { SluiceConfigError } from '@sluice/core';
import { optionKeys, rejectUnknownKeys } from '@sluice/core/internal';
import { describeConfigValue } from './describe-config-value.js';
import { FACILITIES, type FacilityName, MAX_FACILITY } from './facility.js';
import { Rfc5424Encoder, TRUNCATION_ROOM } from './rfc5424-encoder.js';
import { validateStructuredData } from './structured-data.js';
import {
  MAX_CLOSE_TIMEOUT_MS,
  MAX_UDP_PAYLOAD,
  MIN_MESSAGE_BYTES,
  SYSLOG_DEFAULTS,
  type SyslogConfig,
  type SyslogOptions,
  type SyslogProtocol,
} from './syslog-options.js';

const PROTOCOLS: readonly SyslogProtocol[] = ['udp', 'tcp', 'unix'];
const MAX_STREAM_MESSAGE_BYTES = 16 * 1024 * 1024;

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
