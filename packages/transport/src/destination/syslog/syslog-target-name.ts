import type { SyslogOptions } from './syslog-options.js';

/** How errors and stats() name a syslog target: `syslog tcp 127.0.0.1:514`, `syslog unix /run/app.sock`. */
export function syslogTargetName(
  options: Pick<SyslogOptions, 'protocol' | 'host' | 'port' | 'path'>,
): string {
  return options.protocol === 'unix'
    ? `syslog unix ${options.path}`
    : `syslog ${options.protocol} ${options.host}:${options.port}`;
}
