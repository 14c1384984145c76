export type { FacilityName } from './facility.js';
export type { SdParamValue, StructuredData } from './structured-data.js';
export { createSyslogDestination, type SyslogDestination } from './syslog-destination.js';
export {
  SYSLOG_DEFAULTS,
  type SyslogConfig,
  type SyslogOptions,
  type SyslogProtocol,
  syslogTargetName,
  validateSyslogOptions,
} from './syslog-options.js';
