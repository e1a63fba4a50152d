import type { FastifyPluginCallback } from 'fastify';

/** `GET /healthz`: liveness for load balancers; touches nothing (the benchmark's baseline). */
export const healthRoutes: FastifyPluginCallback = (app, _options, done) => {
  app.get('/healthz', () => ({ status: 'ok' }));
  done();
};
