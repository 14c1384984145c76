import type { DestinationConfig } from './target-spec.js';

/** How messages name a target: `stdout`, `fd 3`, `file "/var/log/app.log"`, ... */
export function targetName(dest: DestinationConfig): string {
  switch (dest.type) {
    case 'fd':
      return dest.fd === 1 ? 'stdout' : dest.fd === 2 ? 'stderr' : `fd ${dest.fd}`;
    case 'file':
      return `file ${JSON.stringify(dest.path)}`;
    case 'rotating-file':
      return `rotating file ${JSON.stringify(dest.path)}`;
    case 'syslog':
      return 'syslog';
  }
}
