import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Ctx, ErrorBody, Permission, RequestContext, RequirePermission } from '@chanjiao/core';
import {
  CreateDemandPostingDto,
  DemandPostingDto,
  DemandPostingListQueryDto,
  DemandPostingPageDto,
  UpdateDemandPostingDto,
} from '../dto/demand-posting.dto';
import { PostingTransitionDto } from '../dto/posting-common.dto';
import { DemandPostingsService } from '../services/demand-postings.service';

/** Talent demand (人才需求): enterprises post their own; everyone reads what was published; the secretariat moderates. */
@ApiTags('talent')
@Controller('consortia/:consortiumId/demand-postings')
export class DemandPostingsController {
  constructor(private readonly postings: DemandPostingsService) {}

  @Get()
  @RequirePermission(Permission.TalentRead)
  @ApiOperation({ summary: 'Find demand postings (filters, q over title/description/skills, sort, pages)' })
  @ApiOkResponse({ type: DemandPostingPageDto })
  async list(@Ctx() ctx: RequestContext, @Query() query: DemandPostingListQueryDto): Promise<DemandPostingPageDto> {
    const page = await this.postings.list(ctx, query);
    return { items: page.items.map(DemandPostingDto.from), nextCursor: page.nextCursor };
  }

  @Post()
  @RequirePermission(Permission.TalentPost)
  @ApiOperation({ summary: 'Draft a demand posting for the caller’s enterprise (the secretariat names one)' })
  @ApiCreatedResponse({ type: DemandPostingDto })
  async create(@Ctx() ctx: RequestContext, @Body() body: CreateDemandPostingDto): Promise<DemandPostingDto> {
    return DemandPostingDto.from(await this.postings.create(ctx, body));
  }

  @Get(':demandPostingId')
  @RequirePermission(Permission.TalentRead)
  @ApiOperation({ summary: 'One demand posting (another organization’s draft answers 404)' })
  @ApiOkResponse({ type: DemandPostingDto })
  @ApiNotFoundResponse({ type: ErrorBody })
  async get(
    @Ctx() ctx: RequestContext,
    @Param('demandPostingId', new ParseUUIDPipe()) id: string,
  ): Promise<DemandPostingDto> {
    return DemandPostingDto.from(await this.postings.get(ctx, id));
  }

  @Patch(':demandPostingId')
  @RequirePermission(Permission.TalentPost)
  @ApiOperation({ summary: 'Edit an own draft or published posting' })
  @ApiOkResponse({ type: DemandPostingDto })
  @ApiForbiddenResponse({ type: ErrorBody, description: 'Another organization’s published posting (read-only)' })
  async update(
    @Ctx() ctx: RequestContext,
    @Param('demandPostingId', new ParseUUIDPipe()) id: string,
    @Body() body: UpdateDemandPostingDto,
  ): Promise<DemandPostingDto> {
    return DemandPostingDto.from(await this.postings.update(ctx, id, body));
  }

  @Post(':demandPostingId/transitions')
  @RequirePermission(Permission.TalentPost)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'publish | close (secretariat: with a reason) | fill | reopen' })
  @ApiOkResponse({ type: DemandPostingDto })
  @ApiConflictResponse({ type: ErrorBody, description: 'Not allowed from the current status' })
  async transition(
    @Ctx() ctx: RequestContext,
    @Param('demandPostingId', new ParseUUIDPipe()) id: string,
    @Body() body: PostingTransitionDto,
  ): Promise<DemandPostingDto> {
    return DemandPostingDto.from(await this.postings.transition(ctx, id, body));
  }
}
