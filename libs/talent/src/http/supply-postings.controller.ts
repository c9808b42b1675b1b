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
  CreateSupplyPostingDto,
  SupplyPostingDto,
  SupplyPostingListQueryDto,
  SupplyPostingPageDto,
  UpdateSupplyPostingDto,
} from '../dto/supply-posting.dto';
import { PostingTransitionDto } from '../dto/posting-common.dto';
import { SupplyPostingsService } from '../services/supply-postings.service';

/** Talent supply (人才供给): schools post their own offerings' graduates; everyone reads what was published; the secretariat moderates. */
@ApiTags('talent')
@Controller('consortia/:consortiumId/supply-postings')
export class SupplyPostingsController {
  constructor(private readonly postings: SupplyPostingsService) {}

  @Get()
  @RequirePermission(Permission.TalentRead)
  @ApiOperation({ summary: 'Find supply postings (filters, q over title/note/skills, sort, pages)' })
  @ApiOkResponse({ type: SupplyPostingPageDto })
  async list(@Ctx() ctx: RequestContext, @Query() query: SupplyPostingListQueryDto): Promise<SupplyPostingPageDto> {
    const page = await this.postings.list(ctx, query);
    return { items: page.items.map(SupplyPostingDto.from), nextCursor: page.nextCursor };
  }

  @Post()
  @RequirePermission(Permission.TalentPost)
  @ApiOperation({ summary: 'Draft a supply posting for one of the caller school’s offerings' })
  @ApiCreatedResponse({ type: SupplyPostingDto })
  async create(@Ctx() ctx: RequestContext, @Body() body: CreateSupplyPostingDto): Promise<SupplyPostingDto> {
    return SupplyPostingDto.from(await this.postings.create(ctx, body));
  }

  @Get(':supplyPostingId')
  @RequirePermission(Permission.TalentRead)
  @ApiOperation({ summary: 'One supply posting (another organization’s draft answers 404)' })
  @ApiOkResponse({ type: SupplyPostingDto })
  @ApiNotFoundResponse({ type: ErrorBody })
  async get(
    @Ctx() ctx: RequestContext,
    @Param('supplyPostingId', new ParseUUIDPipe()) id: string,
  ): Promise<SupplyPostingDto> {
    return SupplyPostingDto.from(await this.postings.get(ctx, id));
  }

  @Patch(':supplyPostingId')
  @RequirePermission(Permission.TalentPost)
  @ApiOperation({ summary: 'Edit an own draft or published posting' })
  @ApiOkResponse({ type: SupplyPostingDto })
  @ApiForbiddenResponse({ type: ErrorBody, description: 'Another organization’s published posting (read-only)' })
  async update(
    @Ctx() ctx: RequestContext,
    @Param('supplyPostingId', new ParseUUIDPipe()) id: string,
    @Body() body: UpdateSupplyPostingDto,
  ): Promise<SupplyPostingDto> {
    return SupplyPostingDto.from(await this.postings.update(ctx, id, body));
  }

  @Post(':supplyPostingId/transitions')
  @RequirePermission(Permission.TalentPost)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'publish | close (secretariat: with a reason) | fill | reopen' })
  @ApiOkResponse({ type: SupplyPostingDto })
  @ApiConflictResponse({ type: ErrorBody, description: 'Not allowed from the current status' })
  async transition(
    @Ctx() ctx: RequestContext,
    @Param('supplyPostingId', new ParseUUIDPipe()) id: string,
    @Body() body: PostingTransitionDto,
  ): Promise<SupplyPostingDto> {
    return SupplyPostingDto.from(await this.postings.transition(ctx, id, body));
  }
}
