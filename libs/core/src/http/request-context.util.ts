import type { FastifyRequest } from 'fastify';
import { RequestContext } from '../context/request-context';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the tenancy guard once authentication exists; the bare request context before that. */
    chanjiaoContext?: RequestContext;
  }
}

/** The request context of an HTTP request (request id, client IP, and — once resolved — tenant and actor). */
export function requestContextOf(request: FastifyRequest): RequestContext {
  return request.chanjiaoContext ?? { requestId: String(request.id), ip: request.ip };
}
