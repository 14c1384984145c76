/**
 * A node:http server for the HTTP benchmarks, on a free loopback port: GET / answers
 * `{"hello":"world"}` after `onRequest` (the configuration's logging) has run.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ListeningServer {
  readonly port: number;
  close(): Promise<void>;
}

export async function listenNodeHttp(
  onRequest: (request: IncomingMessage) => void,
): Promise<ListeningServer> {
  const server = createServer((request, response) => {
    onRequest(request);
    response.setHeader('content-type', 'application/json; charset=utf-8');
    response.end('{"hello":"world"}');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
