import { Controller, Get, HttpCode, HttpStatus, Param, Post, Query, Req } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiConsumes,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import {
  API_PREFIX,
  Authenticated,
  CSV_MEDIA_TYPE,
  Ctx,
  ErrorBody,
  JobAcceptedDto,
  PlatformAdminOnly,
  RequestContext,
  SPREADSHEET_ROUTE_CONFIG,
  XLSX_MEDIA_TYPE,
} from '@chanjiao/core';
import {
  CatalogueImportQueryDto,
  EditionDto,
  EditionQueryDto,
  MappingImportQueryDto,
  OCCUPATION_CODE_PARAM,
  OccupationDetailDto,
  OccupationDto,
  OccupationListQueryDto,
  OccupationPageDto,
  PROGRAMME_CODE_PARAM,
  ProgrammeDetailDto,
  ProgrammeDto,
  ProgrammeListQueryDto,
  ProgrammePageDto,
  ProgrammeTreeDto,
  ProgrammeTreeQueryDto,
} from '../dto/catalogue.dto';
import { CatalogueImportList, CatalogueImportService } from '../services/catalogue-import.service';
import { CatalogueService } from '../services/catalogue.service';
import { CodeParamPipe, readSpreadsheetUpload } from './upload-format';

const BINARY = { type: 'string', format: 'binary' } as const;
const programmeCode = () => new CodeParamPipe('programmeCode', PROGRAMME_CODE_PARAM, '460305');
const occupationCode = () => new CodeParamPipe('occupationCode', OCCUPATION_CODE_PARAM, '6-31-07-03');

/**
 * The national reference lists (platform level): read by everyone signed in, imported
 * by platform admins (202 + a job whose result is the row report).
 */
@ApiTags('catalogue')
@Controller('catalogue')
export class CatalogueController {
  constructor(
    private readonly catalogue: CatalogueService,
    private readonly imports: CatalogueImportService,
  ) {}

  @Get('editions')
  @Authenticated()
  @ApiOperation({ summary: 'Editions of the programme catalogue and the occupation classification (which is current)' })
  @ApiOkResponse({ type: [EditionDto] })
  async editions(@Ctx() ctx: RequestContext): Promise<EditionDto[]> {
    return (await this.catalogue.editions(ctx)).map(EditionDto.from);
  }

  @Get('programmes')
  @Authenticated()
  @ApiOperation({ summary: 'Catalogue programmes: filters, q = a code prefix or part of the name (Chinese), by code' })
  @ApiOkResponse({ type: ProgrammePageDto })
  @ApiNotFoundResponse({ type: ErrorBody, description: 'No such edition' })
  async programmes(@Ctx() ctx: RequestContext, @Query() query: ProgrammeListQueryDto): Promise<ProgrammePageDto> {
    const page = await this.catalogue.listProgrammes(ctx, query);
    return { items: page.items.map(ProgrammeDto.from), nextCursor: page.nextCursor };
  }

  @Get('programmes/tree')
  @Authenticated()
  @ApiOperation({ summary: '专业大类 → 专业类 with programme counts, for browsing' })
  @ApiOkResponse({ type: ProgrammeTreeDto })
  tree(@Ctx() ctx: RequestContext, @Query() query: ProgrammeTreeQueryDto): Promise<ProgrammeTreeDto> {
    return this.catalogue.programmeTree(ctx, query);
  }

  @Get('programmes/:programmeCode')
  @Authenticated()
  @ApiOperation({ summary: 'A programme with the occupations it leads to (职业面向)' })
  @ApiOkResponse({ type: ProgrammeDetailDto })
  @ApiNotFoundResponse({ type: ErrorBody })
  async programme(
    @Ctx() ctx: RequestContext,
    @Param('programmeCode', programmeCode()) code: string,
    @Query() query: EditionQueryDto,
  ): Promise<ProgrammeDetailDto> {
    const { programme, occupations } = await this.catalogue.programmeDetail(ctx, code, query.edition);
    return { ...ProgrammeDto.from(programme), occupations: occupations.map(OccupationDto.from) };
  }

  @Get('occupations')
  @Authenticated()
  @ApiOperation({
    summary: 'Occupations (职业分类大典): browse by parentCode (root = 大类), filter by level and flags, q = code prefix or name',
  })
  @ApiOkResponse({ type: OccupationPageDto })
  @ApiNotFoundResponse({ type: ErrorBody, description: 'No such edition' })
  async occupations(@Ctx() ctx: RequestContext, @Query() query: OccupationListQueryDto): Promise<OccupationPageDto> {
    const page = await this.catalogue.listOccupations(ctx, query);
    return { items: page.items.map(OccupationDto.from), nextCursor: page.nextCursor };
  }

  @Get('occupations/:occupationCode')
  @Authenticated()
  @ApiOperation({ summary: 'An occupation with its ancestors, child count and the programmes leading to it' })
  @ApiOkResponse({ type: OccupationDetailDto })
  @ApiNotFoundResponse({ type: ErrorBody })
  async occupation(
    @Ctx() ctx: RequestContext,
    @Param('occupationCode', occupationCode()) code: string,
    @Query() query: EditionQueryDto,
  ): Promise<OccupationDetailDto> {
    const detail = await this.catalogue.occupationDetail(ctx, code, query.edition);
    return {
      ...OccupationDto.from(detail.occupation),
      path: detail.path.map(OccupationDto.from),
      childCount: detail.childCount,
      programmes: detail.programmes.map(ProgrammeDto.from),
    };
  }

  @Post('programmes/import')
  @PlatformAdminOnly()
  @HttpCode(HttpStatus.ACCEPTED)
  @RouteConfig(SPREADSHEET_ROUTE_CONFIG)
  @ApiOperation({
    summary: 'Import the programme catalogue (xlsx or csv as the body) into an edition; answers a job to poll',
    description:
      'Columns (zh-CN or the reference file names): 专业代码, 专业名称, 专业层次 (optional: from the code), 专业大类代码, ' +
      '专业大类, 专业类代码, 专业类, 国家控制专业 (optional: from a K suffix). Upsert by code within the edition; ' +
      'the job result counts created/updated/unchanged/failed rows and lists each error (row, column, reason).',
  })
  @ApiConsumes(XLSX_MEDIA_TYPE, CSV_MEDIA_TYPE)
  @ApiBody({ schema: BINARY })
  @ApiAcceptedResponse({ type: JobAcceptedDto })
  importProgrammes(
    @Ctx() ctx: RequestContext,
    @Req() request: FastifyRequest,
    @Query() query: CatalogueImportQueryDto,
  ): Promise<JobAcceptedDto> {
    return this.startImport(ctx, request, 'programmes', query);
  }

  @Post('occupations/import')
  @PlatformAdminOnly()
  @HttpCode(HttpStatus.ACCEPTED)
  @RouteConfig(SPREADSHEET_ROUTE_CONFIG)
  @ApiOperation({
    summary: 'Import the occupation classification (xlsx or csv) into an edition; answers a job to poll',
    description:
      'Columns: 职业代码, 职业名称 (an S / L suffix sets the digital / green flags), 层级 (optional: from the code), ' +
      '定义, 主要工作任务 (tasks). Every level, 大类 to 细类. Upsert by code within the edition.',
  })
  @ApiConsumes(XLSX_MEDIA_TYPE, CSV_MEDIA_TYPE)
  @ApiBody({ schema: BINARY })
  @ApiAcceptedResponse({ type: JobAcceptedDto })
  importOccupations(
    @Ctx() ctx: RequestContext,
    @Req() request: FastifyRequest,
    @Query() query: CatalogueImportQueryDto,
  ): Promise<JobAcceptedDto> {
    return this.startImport(ctx, request, 'occupations', query);
  }

  @Post('programme-occupations/import')
  @PlatformAdminOnly()
  @HttpCode(HttpStatus.ACCEPTED)
  @RouteConfig(SPREADSHEET_ROUTE_CONFIG)
  @ApiOperation({
    summary: 'Import the programme → occupation mapping (职业面向, xlsx or csv); answers a job to poll',
    description:
      'Columns: 专业代码, 职业代码 (细类, or a 小类 in three or four segments). Pairs naming a code the editions do not ' +
      'hold are reported (result.unresolved and the row errors), never fail the file.',
  })
  @ApiConsumes(XLSX_MEDIA_TYPE, CSV_MEDIA_TYPE)
  @ApiBody({ schema: BINARY })
  @ApiAcceptedResponse({ type: JobAcceptedDto })
  @ApiNotFoundResponse({ type: ErrorBody, description: 'No such programme edition' })
  importMapping(
    @Ctx() ctx: RequestContext,
    @Req() request: FastifyRequest,
    @Query() query: MappingImportQueryDto,
  ): Promise<JobAcceptedDto> {
    return this.startImport(ctx, request, 'programme_occupations', query);
  }

  private async startImport(
    ctx: RequestContext,
    request: FastifyRequest,
    list: CatalogueImportList,
    query: CatalogueImportQueryDto & MappingImportQueryDto,
  ): Promise<JobAcceptedDto> {
    const upload = await readSpreadsheetUpload(request);
    const job = await this.imports.requestImport(ctx, list, upload, {
      edition: query.edition,
      editionName: query.editionName,
      makeCurrent: query.current,
      occupationEdition: query.occupationEdition,
    });
    return { jobId: job.jobId, name: job.name, statusUrl: `/${API_PREFIX}/jobs/${job.jobId}` };
  }
}
