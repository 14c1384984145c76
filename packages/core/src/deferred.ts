/**
 * @sluice/core/deferred: what a sink that formats precompiled events on another thread needs (used by
 * @sluice/transport). Not part of the logging API: it changes with the transport's ring format.
 */

export {
  type ByteClock,
  type DeferredEventSink,
  isByteClock,
  isDeferredEventSink,
} from './event/deferred-event-sink.js';
export { decodeEventDescriptor, type EventDescriptor } from './event/event-descriptor.js';
export { EventReplayer } from './event/event-replayer.js';
