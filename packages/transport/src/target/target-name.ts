import { syslogTargetName } from '../destination/syslog/index.js';
import type { DestinationConfig } from './target-options.js';

/** How messages and stats() name a target: `stdout`, `fd 3`, `file "/var/log/app.log"`, `syslog tcp host:514`. */
export function targetName(dest: DestinationConfig): string {
  switch (dest.type) {
    case 'fd':
      return dest.fd === 1 ? 'stdout' : dest.fd === 2 ? 'stderr' : `fd ${dest.fd}`;
    case 'file':
      return `file ${JSON.stringify(dest.path)}`;
    case 'rotating-file':
      return `rotating file ${JSON.stringify(dest.path)}`;
    case 'syslog':
      return syslogTargetName(dest.options);
    case 'otlp':
      return `otlp ${dest.options.url}`;
  }
}
