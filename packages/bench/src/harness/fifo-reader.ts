/**
 * The stalled destination's other end, run as a child process: opens the FIFO for reading (so the
 * writer's open succeeds), says 'open', reads nothing for `stallMs` (the pipe fills and the writer's
 * writes block), then reads everything until EOF, counting lines, and reports the count.
 * Usage: node fifo-reader.js <fifo> <stallMs>
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';

const [fifo, stallMs] = process.argv.slice(2);
const handle = await open(fifo, 'r');
process.send?.({ type: 'open' });
await new Promise((resolve) => setTimeout(resolve, Number(stallMs)));
process.send?.({ type: 'reading' });
let lines = 0;
let bytes = 0;
for await (const chunk of createReadStream('', {
  fd: handle.fd,
  autoClose: false,
}) as AsyncIterable<Buffer>) {
  bytes += chunk.length;
  for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
}
await handle.close();
// A parent that stopped waiting (a scenario timed out, or removed the FIFO) has nobody to tell.
if (process.connected) process.send?.({ type: 'done', lines, bytes }, () => process.disconnect?.());
