/**
 * @sluice/transport/fastify: what a fastify app needs to log through sluice.
 * `fastify({ loggerInstance: createLogger({ transport, serializers: fastifySerializers }) })`.
 */

export {
  fastifySerializers,
  type RequestLike,
  type ResponseLike,
  type SerializedRequest,
  type SerializedResponse,
} from './fastify-serializers.js';
