import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { RequestContext } from '../context/request-context';
import { requestContextOf } from './request-context.util';

/**
 * The request's `RequestContext` (request id, client IP, tenant and actor as the
 * access guard resolved them) as a controller parameter: `@Ctx() ctx: RequestContext`.
 */
export const Ctx = createParamDecorator((_data: unknown, execution: ExecutionContext): RequestContext =>
  requestContextOf(execution.switchToHttp().getRequest<FastifyRequest>()),
);
