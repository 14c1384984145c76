import type { Transport } from '../../dist/esm/index.js';

/**
 * Closes a transport once its worker is ready. Closing earlier can race the worker's 'ready' message,
 * which unrefs the worker that close() waits on: the event loop may then empty with close() pending.
 */
export async function closeTransport(transport: Transport): Promise<void> {
  await transport.ready;
  await transport.close();
}
