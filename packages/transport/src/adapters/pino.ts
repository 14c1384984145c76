/**
 * @sluice/transport/pino: a pino destination writing through a sluice transport.
 * `pino(options, sluiceDestination({ dest: '/var/log/app.log' }))`.
 */

export type { AdapterTarget } from './adapter-link.js';
export { SluiceDestination, sluiceDestination } from './pino-destination.js';
