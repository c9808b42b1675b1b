import { DynamicModule, ExecutionContext, Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditLogController, PlatformAuditLogController } from '../audit/audit-log.controller';
import { AuditLogEntry } from '../audit/audit-log-entry.entity';
import { AuditService } from '../audit/audit.service';
import { AppConfig } from '../config/app-config';
import { AccessGuard } from './access.guard';
import { AccessTokenService } from './access-token.service';
import { AUTH_ROUTE_METADATA } from './auth-route.decorator';
import { FixedWindowThrottlerStorage } from './rate-limit-storage';

function isAuthRoute(context: ExecutionContext): boolean {
  return Reflect.getMetadata(AUTH_ROUTE_METADATA, context.getHandler()) === true;
}

/**
 * Access control for the HTTP API: rate limits (per route and client IP, stricter
 * on sign-in routes), then the access guard. Needs a `MembershipResolver`
 * provider, which the identity context supplies.
 */
@Global()
@Module({})
export class AccessModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AccessModule,
      imports: [
        TypeOrmModule.forFeature([AuditLogEntry]),
        ThrottlerModule.forRoot({
          storage: new FixedWindowThrottlerStorage(),
          // The library hashes this text with SHA-256 on every request; a map key needs no hash.
          generateKey: (context, tracker, throttler) =>
            `${context.getClass().name}.${context.getHandler().name}:${throttler}:${tracker}`,
          throttlers: [
            {
              name: 'default',
              ttl: 60_000,
              limit: (context) => (isAuthRoute(context) ? config.rateLimit.authPerMinute : config.rateLimit.perMinute),
            },
          ],
        }),
      ],
      controllers: [AuditLogController, PlatformAuditLogController],
      providers: [
        AccessTokenService,
        AuditService,
        { provide: APP_GUARD, useClass: ThrottlerGuard },
        { provide: APP_GUARD, useClass: AccessGuard },
      ],
      exports: [AccessTokenService, AuditService],
    };
  }
}

/** The worker needs the audit trail too (jobs change data), but no HTTP guards. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([AuditLogEntry])],
  providers: [AuditService],
  exports: [AuditService],
})
export class AuditModule {}
