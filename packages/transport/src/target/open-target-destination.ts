import { OtlpHttpDestination } from '../destination/otlp/otlp-http-destination.js';
import type { DestinationEvents, RecordDestination } from '../destination/record-destination.js';
import { RotatingFileDestination, type RotationServices } from '../destination/rotating-file-destination.js';
import { StreamDestination } from '../destination/stream-destination.js';
import { createSyslogDestination } from '../destination/syslog/index.js';
import type { DestinationConfig } from './target-options.js';

/** Opens one target's destination in the sink worker: one case per destination type. */
export function openTargetDestination(
  config: DestinationConfig,
  events: DestinationEvents,
  services: RotationServices,
): RecordDestination {
  switch (config.type) {
    case 'fd':
      return new StreamDestination({ fd: config.fd }, events);
    case 'file':
      return new StreamDestination({ path: config.path, mkdir: config.mkdir, mode: config.mode }, events);
    case 'rotating-file':
      return new RotatingFileDestination(config, events, services);
    case 'syslog':
      return createSyslogDestination(config.options, events);
    case 'otlp':
      return new OtlpHttpDestination(config.options, events, services.onWarning);
  }
}
