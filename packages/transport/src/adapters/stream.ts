/**
 * @sluice/transport/stream: a Node Writable whose lines go through a sluice transport (bunyan, morgan,
 * anything that logs to a stream). `bunyan.createLogger({ name, streams: [{ stream: sluiceWritable({ dest }) }] })`.
 */

export type { AdapterTarget } from './adapter-link.js';
export { MAX_PENDING_LINE_BYTES, SluiceWritable, sluiceWritable } from './stream-writable.js';
