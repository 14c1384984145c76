/**
 * @sluice/transport/winston: a winston transport writing through a sluice transport (needs the
 * winston-transport package). `winston.createLogger({ transports: [new SluiceWinstonTransport({ dest })] })`.
 */

export type { AdapterTarget } from './adapter-link.js';
export { WINSTON_LEVELS } from './winston-levels.js';
export { SluiceWinstonTransport, type SluiceWinstonTransportOptions } from './winston-transport.js';
