import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Inject,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  API_PREFIX,
  APP_CONFIG,
  AppConfig,
  Authenticated,
  Ctx,
  ErrorBody,
  JobAcceptedDto,
  Permission,
  PlatformAdminOnly,
  RequestContext,
  RequirePermission,
} from '@chanjiao/core';
import { ConsortiumDto, ConsortiumListQueryDto, ConsortiumPageDto } from '../dto/consortium.dto';
import { StatusEventDto, StatusTransitionDto } from '../dto/status-transition.dto';
import { UpdateConsortiumDto } from '../dto/update-consortium.dto';
import { ConsortiaErrorCode, ConsortiaException } from '../exceptions/consortia.exception';
import { ConsortiaService } from '../services/consortia.service';
import { DemoSeedService } from '../services/demo-seed.service';

@ApiTags('consortia')
@Controller()
export class ConsortiaController {
  constructor(
    private readonly consortia: ConsortiaService,
    private readonly demo: DemoSeedService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('consortia')
  @Authenticated()
  @ApiOperation({ summary: 'Consortia you belong to (platform admins: all of them, audited), by name, paged' })
  @ApiOkResponse({ type: ConsortiumPageDto })
  async list(@Ctx() ctx: RequestContext, @Query() query: ConsortiumListQueryDto): Promise<ConsortiumPageDto> {
    const page = await this.consortia.listVisible(ctx, query);
    return { items: page.items.map(ConsortiumDto.from), nextCursor: page.nextCursor };
  }

  @Get('consortia/:consortiumId')
  @RequirePermission(Permission.ConsortiumRead)
  @ApiOperation({ summary: 'Consortium profile' })
  @ApiOkResponse({ type: ConsortiumDto })
  @ApiNotFoundResponse({ type: ErrorBody })
  async get(
    @Ctx() ctx: RequestContext,
    @Param('consortiumId', new ParseUUIDPipe()) consortiumId: string,
  ): Promise<ConsortiumDto> {
    return ConsortiumDto.from(await this.consortia.get(ctx, consortiumId));
  }

  @Patch('consortia/:consortiumId')
  @RequirePermission(Permission.ConsortiumWrite)
  @ApiOperation({ summary: 'Edit the consortium profile' })
  @ApiOkResponse({ type: ConsortiumDto })
  @ApiBadRequestResponse({ type: ErrorBody })
  @ApiNotFoundResponse({ type: ErrorBody })
  async update(
    @Ctx() ctx: RequestContext,
    @Param('consortiumId', new ParseUUIDPipe()) consortiumId: string,
    @Body() body: UpdateConsortiumDto,
  ): Promise<ConsortiumDto> {
    return ConsortiumDto.from(await this.consortia.update(ctx, consortiumId, body));
  }

  @Post('consortia/:consortiumId/status-transitions')
  @RequirePermission(Permission.ConsortiumWrite)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Move the consortium along planning → … → accepted (or revoked), with date and note' })
  @ApiOkResponse({ type: ConsortiumDto })
  async transition(
    @Ctx() ctx: RequestContext,
    @Param('consortiumId', new ParseUUIDPipe()) consortiumId: string,
    @Body() body: StatusTransitionDto,
  ): Promise<ConsortiumDto> {
    return ConsortiumDto.from(await this.consortia.transitionStatus(ctx, consortiumId, body));
  }

  @Get('consortia/:consortiumId/status-transitions')
  @RequirePermission(Permission.ConsortiumRead)
  @ApiOperation({ summary: 'Status history, oldest first' })
  @ApiOkResponse({ type: [StatusEventDto] })
  history(
    @Ctx() ctx: RequestContext,
    @Param('consortiumId', new ParseUUIDPipe()) consortiumId: string,
  ): Promise<StatusEventDto[]> {
    return this.consortia.statusHistory(ctx, consortiumId);
  }

  @Post('demo/seed')
  @PlatformAdminOnly()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Seed (or complete) the demo consortium in the background — demo mode only' })
  @ApiAcceptedResponse({ type: JobAcceptedDto })
  @ApiNotFoundResponse({ type: ErrorBody, description: 'Demo mode is off' })
  async seedDemo(@Ctx() ctx: RequestContext): Promise<JobAcceptedDto> {
    if (!this.config.demoMode) {
      throw new ConsortiaException(ConsortiaErrorCode.DemoDisabled, 'Demo mode is off (set DEMO_MODE=true)');
    }
    const job = await this.demo.requestSeed(ctx);
    return { jobId: job.jobId, name: job.name, statusUrl: `/${API_PREFIX}/jobs/${job.jobId}` };
  }
}
