/**
 * fastify logs `{ req: request }` ("incoming request") and `{ res: reply }` ("request completed"). With
 * its `logger` option it builds a pino logger with its own `req`/`res` serializers; with a
 * `loggerInstance` it adds none (route-level `logSerializers` reach the logger through
 * `child({}, { serializers })`, which sluice honours), so pass these to `createLogger`:
 *
 * ```ts
 * const log = createLogger({ transport, serializers: fastifySerializers });
 * const app = fastify({ loggerInstance: log });
 * ```
 *
 * They write the same fields as fastify's own. Errors (`err`) need none: sluice writes Errors in
 * pino-std-serializers' shape by itself.
 */

/** What the `req` serializer reads: a fastify request, or a plain http.IncomingMessage. */
export interface RequestLike {
  readonly method?: string;
  readonly url?: string;
  /** fastify's request (the Host header, or :authority on HTTP/2). */
  readonly host?: string;
  /** fastify's request (the client address, or the proxy's with trustProxy). */
  readonly ip?: string;
  readonly headers?: Readonly<Record<string, string | string[] | undefined>>;
  readonly socket?: { readonly remoteAddress?: string; readonly remotePort?: number } | null;
}

/** What the `res` serializer reads: a fastify reply or an http.ServerResponse. */
export interface ResponseLike {
  readonly statusCode: number;
}

export interface SerializedRequest {
  method: string | undefined;
  url: string | undefined;
  host: string | undefined;
  remoteAddress: string | undefined;
  remotePort: number | undefined;
}

export interface SerializedResponse {
  statusCode: number;
}

function serializeRequest(req: RequestLike): SerializedRequest {
  const socket = req.socket ?? undefined;
  const host = req.host ?? req.headers?.host;
  return {
    method: req.method,
    url: req.url,
    host: typeof host === 'string' ? host : undefined,
    remoteAddress: req.ip ?? socket?.remoteAddress,
    remotePort: socket?.remotePort,
  };
}

function serializeResponse(res: ResponseLike): SerializedResponse {
  return { statusCode: res.statusCode };
}

/** `serializers` for `createLogger` in a fastify app: fastify's `req` and `res` shapes. */
export const fastifySerializers: Readonly<{
  req: (req: RequestLike) => SerializedRequest;
  res: (res: ResponseLike) => SerializedResponse;
}> = Object.freeze({ req: serializeRequest, res: serializeResponse });
