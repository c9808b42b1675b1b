import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, Permission, RequestContext, RequirePermission } from '@chanjiao/core';
import { CreateNeedDto, NeedDecisionDto, NeedDto, NeedListQueryDto, NeedPageDto, UpdateNeedDto } from '../dto/need.dto';
import { TrainingNeedsService } from '../services/training-needs.service';

const uuid = () => new ParseUUIDPipe();

/** Training needs (培训需求): members submit their own organization's; the secretariat decides. */
@ApiTags('training-plans')
@Controller('consortia/:consortiumId/training-needs')
export class TrainingNeedsController {
  constructor(private readonly needs: TrainingNeedsService) {}

  @Get()
  @RequirePermission(Permission.TrainingRead)
  @ApiOperation({ summary: 'Training needs, newest first (a member sees its own organization’s only)' })
  @ApiOkResponse({ type: NeedPageDto })
  async list(@Ctx() ctx: RequestContext, @Query() query: NeedListQueryDto): Promise<NeedPageDto> {
    const page = await this.needs.list(ctx, query);
    return { items: page.items.map(NeedDto.from), nextCursor: page.nextCursor };
  }

  @Post()
  @RequirePermission(Permission.TrainingNeedsWrite)
  @ApiOperation({ summary: 'Submit a need (a member for its own organization; the secretariat names one)' })
  @ApiCreatedResponse({ type: NeedDto })
  async create(@Ctx() ctx: RequestContext, @Body() body: CreateNeedDto): Promise<NeedDto> {
    return NeedDto.from(await this.needs.create(ctx, body));
  }

  @Get(':needId')
  @RequirePermission(Permission.TrainingRead)
  @ApiOperation({ summary: 'One need' })
  @ApiOkResponse({ type: NeedDto })
  async get(@Ctx() ctx: RequestContext, @Param('needId', uuid()) needId: string): Promise<NeedDto> {
    return NeedDto.from(await this.needs.get(ctx, needId));
  }

  @Patch(':needId')
  @RequirePermission(Permission.TrainingNeedsWrite)
  @ApiOperation({ summary: 'Edit a need awaiting a decision (a member its own organization’s only)' })
  @ApiOkResponse({ type: NeedDto })
  async update(
    @Ctx() ctx: RequestContext,
    @Param('needId', uuid()) needId: string,
    @Body() body: UpdateNeedDto,
  ): Promise<NeedDto> {
    return NeedDto.from(await this.needs.update(ctx, needId, body));
  }

  @Post(':needId/decision')
  @RequirePermission(Permission.TrainingPlansManage)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Accept a need into a plan item, or decline it with a reason' })
  @ApiOkResponse({ type: NeedDto })
  async decide(
    @Ctx() ctx: RequestContext,
    @Param('needId', uuid()) needId: string,
    @Body() body: NeedDecisionDto,
  ): Promise<NeedDto> {
    return NeedDto.from(await this.needs.decide(ctx, needId, body));
  }
}
