/**
 * RFC 5424 §6.2.1 facilities by their usual names (the names rsyslog's `syslogfacility-text` property
 * prints for 0-23), so a config can say `facility: 'local0'` instead of `16`.
 */
export const FACILITIES = Object.freeze({
  kern: 0,
  user: 1,
  mail: 2,
  daemon: 3,
  auth: 4,
  syslog: 5,
  lpr: 6,
  news: 7,
  uucp: 8,
  cron: 9,
  authpriv: 10,
  ftp: 11,
  ntp: 12,
  audit: 13,
  alert: 14,
  clock: 15,
  local0: 16,
  local1: 17,
  local2: 18,
  local3: 19,
  local4: 20,
  local5: 21,
  local6: 22,
  local7: 23,
} as const);

export type FacilityName = keyof typeof FACILITIES;

export const MAX_FACILITY = 23;

/** RFC 5424 §6.2.1 severities sluice emits. */
export const SEVERITY = Object.freeze({
  critical: 2,
  error: 3,
  warning: 4,
  informational: 6,
  debug: 7,
} as const);

/**
 * A pino level number to a syslog severity. Each level takes the severity of the highest standard pino
 * level at or below it, so custom levels map by range: below 30 (trace 10, debug 20) -> debug 7,
 * 30-39 (info) -> informational 6, 40-49 (warn) -> warning 4, 50-59 (error) -> error 3, 60 and above
 * (fatal) -> critical 2. pino's fatal is "the application is about to stop", which is syslog's critical,
 * not emergency (0, "system is unusable") or alert (1, "act immediately").
 */
export function severityOf(level: number): number {
  if (level >= 60) return SEVERITY.critical;
  if (level >= 50) return SEVERITY.error;
  if (level >= 40) return SEVERITY.warning;
  if (level >= 30) return SEVERITY.informational;
  return SEVERITY.debug;
}

/** PRI = facility * 8 + severity (RFC 5424 §6.2.1): 0-191. */
export function priorityOf(facility: number, severity: number): number {
  return facility * 8 + severity;
}
