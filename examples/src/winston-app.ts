/**
 * A winston app whose transport is sluice's: winston formats each entry, sluice's sink worker writes
 * it. `logger.end()` finishes once every line is written. Records go to stderr; the report to stdout.
 *
 *   node dist/winston-app.js 2>/dev/null
 */
import { once } from 'node:events';
import { SluiceWinstonTransport } from '@sluice/transport/winston';
import winston from 'winston';

const logger = winston.createLogger({
  level: 'debug',
  format: winston.format.combine(winston.format.timestamp(), winston.format.json()),
  defaultMeta: { service: 'inventory' },
  transports: [new SluiceWinstonTransport({ dest: 2 })],
});

logger.info('service started', { port: 8080 });
const items = logger.child({ component: 'items' });
for (let sku = 1; sku <= 50; sku++) items.debug('stock checked', { sku, count: sku * 3 });
logger.warn('low stock', { sku: 7 });
logger.error('restock failed', { sku: 7, supplier: 'acme' });

const finished = once(logger, 'finish');
logger.end();
await finished;
console.log('winston logged 53 entries through sluice; logger.end() finished after they were written');
