import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PlatformAdminOnly, RequirePermission } from '../auth/access.decorators';
import { Permission } from '../auth/permissions';
import { Ctx } from '../http/ctx.decorator';
import { RequestContext } from '../context/request-context';
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
  async list(@Ctx() ctx: RequestContext, @Query() query: AuditLogQueryDto): Promise<AuditLogPageDto> {
    const page = await this.audit.list(ctx, query);
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
  async list(@Ctx() ctx: RequestContext, @Query() query: AuditLogQueryDto): Promise<AuditLogPageDto> {
    const page = await this.audit.listPlatform(ctx, query);
    return { items: page.items.map(AuditLogEntryDto.from), nextCursor: page.nextCursor };
  }
}
