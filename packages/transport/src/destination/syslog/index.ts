export type { FacilityName } from './facility.js';
export type { SdParamValue, StructuredData } from './structured-data.js';
export { createSyslogDestination, type SyslogDestination } from './syslog-destination.js';
export {
  SYSLOG_DEFAULTS,
  type SyslogConfig,
  type SyslogOptions,
  type SyslogProtocol,
} from './syslog-options.js';
export { syslogTargetName } from './syslog-target-name.js';
export { validateSyslogOptions } from './validate-syslog-options.js';
