import { Controller, Get, Query, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { PlatformAdminOnly, RequirePermission } from '../auth/access.decorators';
import { Permission } from '../auth/permissions';
import { requestContextOf } from '../http/request-context.util';
import { AuditLogEntryDto, AuditLogPageDto, AuditLogQueryDto } from './audit-log.dto';
import { AuditService } from './audit.service';

@ApiTags('audit')
@Controller('consortia/:consortiumId/audit-log')
export class AuditLogController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @RequirePermission(Permission.AuditRead)
  @ApiOperation({ summary: 'Audit trail of the consortium, newest first' })
  @ApiOkResponse({ type: AuditLogPageDto })
  async list(@Req() request: FastifyRequest, @Query() query: AuditLogQueryDto): Promise<AuditLogPageDto> {
    const page = await this.audit.list(requestContextOf(request), query);
    return { items: page.items.map(AuditLogEntryDto.from), nextCursor: page.nextCursor };
  }
}

@ApiTags('audit')
@Controller('audit-log')
export class PlatformAuditLogController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @PlatformAdminOnly()
  @ApiOperation({
    summary: 'Platform-level audit trail (accounts, platform-admin grants, cross-consortium reads), newest first',
  })
  @ApiOkResponse({ type: AuditLogPageDto })
  async list(@Req() request: FastifyRequest, @Query() query: AuditLogQueryDto): Promise<AuditLogPageDto> {
    const page = await this.audit.listPlatform(requestContextOf(request), query);
    return { items: page.items.map(AuditLogEntryDto.from), nextCursor: page.nextCursor };
  }
}
