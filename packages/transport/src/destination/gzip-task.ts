// The piscina task that compresses a rotated log file. piscina loads it by file name, so it ships as
// its own module in dist/ (see gzip-task-location.ts for how the transport finds it).
import { gzipFile } from './gzip-file.js';

export default function compressRotatedFile(source: string): Promise<string> {
  return gzipFile(source);
}
