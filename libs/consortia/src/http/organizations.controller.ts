import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, ErrorBody, Permission, RequestContext, RequirePermission } from '@chanjiao/core';
import {
  CreateOrganizationDto,
  MembershipEventDto,
  MembershipTransitionDto,
  OrganizationDto,
  OrganizationListQueryDto,
  OrganizationPageDto,
  OrganizationStatsDto,
  UpdateOrganizationDto,
} from '../dto/organization.dto';
import { OrganizationsService } from '../services/organizations.service';

/** Member organizations (成员单位): everyone in the consortium reads, the secretariat manages. */
@ApiTags('organizations')
@Controller('consortia/:consortiumId/organizations')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Get()
  @RequirePermission(Permission.OrganizationsRead)
  @ApiOperation({ summary: 'Find member organizations (filters, q on any part of a name, sort, pages)' })
  @ApiOkResponse({ type: OrganizationPageDto })
  async list(@Ctx() ctx: RequestContext, @Query() query: OrganizationListQueryDto): Promise<OrganizationPageDto> {
    const page = await this.organizations.list(ctx, query);
    return { items: page.items.map(OrganizationDto.from), nextCursor: page.nextCursor, total: page.total };
  }

  @Get('stats')
  @RequirePermission(Permission.OrganizationsRead)
  @ApiOperation({ summary: 'Counts by type and by membership status (dashboards)' })
  @ApiOkResponse({ type: OrganizationStatsDto })
  stats(@Ctx() ctx: RequestContext): Promise<OrganizationStatsDto> {
    return this.organizations.stats(ctx);
  }

  @Post()
  @RequirePermission(Permission.OrganizationsWrite)
  @ApiOperation({ summary: 'Register a member organization (status applied)' })
  @ApiCreatedResponse({ type: OrganizationDto })
  @ApiConflictResponse({ type: ErrorBody, description: 'Name or credit code already in this consortium' })
  async create(@Ctx() ctx: RequestContext, @Body() body: CreateOrganizationDto): Promise<OrganizationDto> {
    return OrganizationDto.from(await this.organizations.create(ctx, body));
  }

  @Get(':organizationId')
  @RequirePermission(Permission.OrganizationsRead)
  @ApiOperation({ summary: 'One member organization' })
  @ApiOkResponse({ type: OrganizationDto })
  async get(
    @Ctx() ctx: RequestContext,
    @Param('organizationId', new ParseUUIDPipe()) organizationId: string,
  ): Promise<OrganizationDto> {
    return OrganizationDto.from(await this.organizations.get(ctx, organizationId));
  }

  @Patch(':organizationId')
  @RequirePermission(Permission.OrganizationsWrite)
  @ApiOperation({ summary: 'Edit a member organization' })
  @ApiOkResponse({ type: OrganizationDto })
  async update(
    @Ctx() ctx: RequestContext,
    @Param('organizationId', new ParseUUIDPipe()) organizationId: string,
    @Body() body: UpdateOrganizationDto,
  ): Promise<OrganizationDto> {
    return OrganizationDto.from(await this.organizations.update(ctx, organizationId, body));
  }

  @Post(':organizationId/membership-transitions')
  @RequirePermission(Permission.OrganizationsWrite)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Change membership status: applied→active|rejected, active⇄suspended, →withdrawn' })
  @ApiOkResponse({ type: OrganizationDto })
  @ApiConflictResponse({ type: ErrorBody, description: 'Transition not allowed from the current status' })
  async transition(
    @Ctx() ctx: RequestContext,
    @Param('organizationId', new ParseUUIDPipe()) organizationId: string,
    @Body() body: MembershipTransitionDto,
  ): Promise<OrganizationDto> {
    return OrganizationDto.from(await this.organizations.transition(ctx, organizationId, body));
  }

  @Get(':organizationId/membership-transitions')
  @RequirePermission(Permission.OrganizationsRead)
  @ApiOperation({ summary: 'Membership history, oldest first' })
  @ApiOkResponse({ type: [MembershipEventDto] })
  history(
    @Ctx() ctx: RequestContext,
    @Param('organizationId', new ParseUUIDPipe()) organizationId: string,
  ): Promise<MembershipEventDto[]> {
    return this.organizations.history(ctx, organizationId);
  }
}
