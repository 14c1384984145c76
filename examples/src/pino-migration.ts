/**
 * A pino app moved onto sluice's transport by changing one line: pino still formats every record
 * (its options, child loggers, serializers and redaction all apply), sluice's sink worker writes it,
 * with bounded memory and nothing lost on exit or SIGTERM. Records go to stderr; the report to stdout.
 *
 *   node dist/pino-migration.js 2>/dev/null
 */
import { sluiceDestination } from '@sluice/transport/pino';
import pino from 'pino';

// Before: const logger = pino({ name: 'orders', redact: ['card.number'] }, pino.destination(2));
const destination = sluiceDestination({ dest: 2 });
const logger = pino({ name: 'orders', redact: ['card.number'] }, destination);

const orders = logger.child({ component: 'checkout' });
let placed = 0;
for (let id = 1; id <= 100; id++) {
  orders.info({ orderId: id, card: { number: '4111 1111 1111 1111', expiry: '12/30' } }, 'order placed');
  placed++;
}
orders.warn({ orderId: 101 }, 'payment retried');
logger.error(new Error('warehouse unreachable'), 'order 102 not shipped');

// pino's logger.flush(cb) calls the destination's flush: every line above is now written.
await new Promise<void>((resolve, reject) => logger.flush((error) => (error ? reject(error) : resolve())));
console.log(`pino logged ${placed + 2} lines through sluice's transport (card numbers redacted by pino)`);
destination.end();
