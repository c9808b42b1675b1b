import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import {
  attachmentDisposition,
  Ctx,
  Permission,
  RequestContext,
  RequirePermission,
  XLSX_MEDIA_TYPE,
} from '@chanjiao/core';
import { CreateSkillSynonymDto, SkillSynonymDto } from '../dto/skill-synonym.dto';
import { BulletinDto, BulletinQueryDto, TalentStatsDto } from '../dto/talent-stats.dto';
import { BulletinService } from '../services/bulletin.service';
import { SkillSynonymsService } from '../services/skill-synonyms.service';
import { TalentStatsService } from '../services/talent-stats.service';

const BINARY = { type: 'string', format: 'binary' } as const;

/** The talent platform's dashboard counts, the demand bulletin and the skill synonym list. */
@ApiTags('talent')
@Controller('consortia/:consortiumId')
export class TalentController {
  constructor(
    private readonly stats: TalentStatsService,
    private readonly bulletins: BulletinService,
    private readonly synonyms: SkillSynonymsService,
  ) {}

  @Get('talent-stats')
  @RequirePermission(Permission.TalentRead)
  @ApiOperation({ summary: 'Demand and supply postings by status, open headcounts (dashboards)' })
  @ApiOkResponse({ type: TalentStatsDto })
  talentStats(@Ctx() ctx: RequestContext): Promise<TalentStatsDto> {
    return this.stats.stats(ctx);
  }

  @Get('talent-demand-bulletin')
  @RequirePermission(Permission.TalentRead)
  @ApiOperation({ summary: 'Talent demand bulletin (人才需求发布) of a year: by programme class, occupation level, industry' })
  @ApiOkResponse({ type: BulletinDto })
  bulletin(@Ctx() ctx: RequestContext, @Query() query: BulletinQueryDto): Promise<BulletinDto> {
    return this.bulletins.bulletin(ctx, query.year);
  }

  @Get('talent-demand-bulletin/export')
  @RequirePermission(Permission.TalentRead)
  @ApiOperation({ summary: 'The bulletin as xlsx (zh-CN headers, one sheet per table, printable A4 landscape)' })
  @ApiProduces(XLSX_MEDIA_TYPE)
  @ApiOkResponse({ schema: BINARY })
  async exportBulletin(
    @Ctx() ctx: RequestContext,
    @Query() query: BulletinQueryDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const file = await this.bulletins.workbook(ctx, query.year);
    void reply
      .header('content-type', XLSX_MEDIA_TYPE)
      .header(
        'content-disposition',
        attachmentDisposition(`talent-demand-bulletin-${query.year}.xlsx`, `${query.year}年度人才需求发布.xlsx`),
      )
      .send(file);
  }

  @Get('skill-synonyms')
  @RequirePermission(Permission.TalentRead)
  @ApiOperation({ summary: 'The consortium’s skill synonym list' })
  @ApiOkResponse({ type: [SkillSynonymDto] })
  async listSynonyms(@Ctx() ctx: RequestContext): Promise<SkillSynonymDto[]> {
    return (await this.synonyms.list(ctx)).map(SkillSynonymDto.from);
  }

  @Post('skill-synonyms')
  @RequirePermission(Permission.TalentModerate)
  @ApiOperation({ summary: 'Map a variant to one skill; postings using the variant are rewritten' })
  @ApiCreatedResponse({ type: SkillSynonymDto })
  async createSynonym(@Ctx() ctx: RequestContext, @Body() body: CreateSkillSynonymDto): Promise<SkillSynonymDto> {
    return SkillSynonymDto.from(await this.synonyms.create(ctx, body));
  }

  @Delete('skill-synonyms/:synonymId')
  @RequirePermission(Permission.TalentModerate)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Remove a synonym (postings keep the spelling they have)' })
  @ApiNoContentResponse()
  removeSynonym(@Ctx() ctx: RequestContext, @Param('synonymId', new ParseUUIDPipe()) id: string): Promise<void> {
    return this.synonyms.remove(ctx, id);
  }
}
