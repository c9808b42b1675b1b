import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, Permission, RequestContext, RequirePermission } from '@chanjiao/core';
import {
  CooperationCountDto,
  CooperationDto,
  CooperationListQueryDto,
  CooperationPageDto,
  CooperationTransitionDto,
  ProposeCooperationDto,
} from '../dto/cooperation.dto';
import { CooperationsService } from '../services/cooperations.service';

const uuid = () => new ParseUUIDPipe();

/** Cooperations (订单班, 学徒制, 实习, 招聘) between an enterprise and a school, started from a match. */
@ApiTags('cooperations')
@Controller('consortia/:consortiumId/cooperations')
export class CooperationsController {
  constructor(private readonly cooperations: CooperationsService) {}

  @Post()
  @RequirePermission(Permission.CooperationsWrite)
  @ApiOperation({ summary: "Propose a cooperation from a match (the posting's enterprise or the offering's school)" })
  @ApiCreatedResponse({ type: CooperationDto })
  async propose(@Ctx() ctx: RequestContext, @Body() body: ProposeCooperationDto): Promise<CooperationDto> {
    return CooperationDto.from(await this.cooperations.propose(ctx, body));
  }

  @Get()
  @RequirePermission(Permission.CooperationsRead)
  @ApiOperation({ summary: "Cooperations, newest first (a member sees its own organization's)" })
  @ApiOkResponse({ type: CooperationPageDto })
  async list(@Ctx() ctx: RequestContext, @Query() query: CooperationListQueryDto): Promise<CooperationPageDto> {
    const page = await this.cooperations.list(ctx, query);
    return { items: page.items.map(CooperationDto.from), nextCursor: page.nextCursor };
  }

  @Get('counts')
  @RequirePermission(Permission.CooperationsRead)
  @ApiOperation({
    summary: 'Students of active and completed cooperations per cohort year and kind (feeds the indicators)',
  })
  @ApiOkResponse({ type: [CooperationCountDto] })
  counts(@Ctx() ctx: RequestContext): Promise<CooperationCountDto[]> {
    return this.cooperations.counts(ctx);
  }

  @Get(':cooperationId')
  @RequirePermission(Permission.CooperationsRead)
  @ApiOperation({ summary: 'One cooperation' })
  @ApiOkResponse({ type: CooperationDto })
  async get(@Ctx() ctx: RequestContext, @Param('cooperationId', uuid()) id: string): Promise<CooperationDto> {
    return CooperationDto.from(await this.cooperations.get(ctx, id));
  }

  @Post(':cooperationId/transitions')
  @RequirePermission(Permission.CooperationsWrite)
  @ApiOperation({ summary: 'Accept or decline (the other side), complete, or cancel a cooperation' })
  @ApiCreatedResponse({ type: CooperationDto })
  async transition(
    @Ctx() ctx: RequestContext,
    @Param('cooperationId', uuid()) id: string,
    @Body() body: CooperationTransitionDto,
  ): Promise<CooperationDto> {
    return CooperationDto.from(await this.cooperations.transition(ctx, id, body));
  }
}
