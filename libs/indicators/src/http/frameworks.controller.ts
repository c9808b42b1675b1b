import {
  BadRequestException,
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
  Req,
  Res,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  assertAcceptableWorkbook,
  attachmentDisposition,
  Authenticated,
  Ctx,
  ErrorBody,
  PlatformAdminOnly,
  readUpload,
  RequestContext,
  SPREADSHEET_UPLOAD,
  XLSX_MEDIA_TYPE,
} from '@chanjiao/core';
import { flattenNodes } from '../domain/framework-document';
import {
  FrameworkDetailDto,
  FrameworkDiffDto,
  FrameworkDiffQueryDto,
  FrameworkDto,
  FrameworkExportQueryDto,
  FrameworkImportQueryDto,
  FrameworkListQueryDto,
  FrameworkPageDto,
  ImportedFrameworkDto,
} from '../dto/framework.dto';
import { IndicatorFramework } from '../entities/indicator-framework.entity';
import { FrameworksService, ImportedFramework } from '../services/frameworks.service';

const uuid = () => new ParseUUIDPipe();
const BINARY = { type: 'string', format: 'binary' } as const;
/** A framework workbook is small: a few hundred rows. */
const FRAMEWORK_WORKBOOK_LIMIT_BYTES = 5 * 1024 * 1024;

function detail(framework: IndicatorFramework): FrameworkDetailDto {
  const flat = flattenNodes(framework.document);
  const depths = [...new Set(flat.map((n) => n.depth))].sort((a, b) => a - b);
  return {
    ...FrameworkDto.from(framework),
    nodes: framework.document.nodes,
    rules: framework.document.rules ?? [],
    levels: depths.map((depth) => ({
      depth,
      nodes: flat.filter((n) => n.depth === depth).length,
      points: flat.filter((n) => n.depth === depth && n.node.point).length,
    })),
    points: flat.filter((n) => n.node.point).length,
  };
}

function imported(result: ImportedFramework, reply: FastifyReply): ImportedFrameworkDto {
  void reply.status(result.created ? HttpStatus.CREATED : HttpStatus.OK);
  return { framework: FrameworkDto.from(result.framework), created: result.created };
}

/**
 * Indicator frameworks (建设指标体系), platform reference data: every signed-in user
 * reads them; platform admins import, edit drafts, publish and copy versions.
 */
@ApiTags('indicator-frameworks')
@Controller('indicator-frameworks')
export class FrameworksController {
  constructor(private readonly frameworks: FrameworksService) {}

  @Get()
  @Authenticated()
  @ApiOperation({ summary: 'Framework versions by code, newest version first' })
  @ApiOkResponse({ type: FrameworkPageDto })
  async list(@Ctx() ctx: RequestContext, @Query() query: FrameworkListQueryDto): Promise<FrameworkPageDto> {
    const page = await this.frameworks.list(ctx, query);
    return { items: page.items.map(FrameworkDto.from), nextCursor: page.nextCursor };
  }

  @Post()
  @PlatformAdminOnly()
  @ApiOperation({
    summary: 'Import a framework document (JSON) as the next version of its code',
    description:
      'The body is the document as GET …/export?format=json gives it. 201 with the new version, or 200 when it ' +
      'equals the latest version (nothing written). 422 lists every problem by field.',
  })
  @ApiBody({ schema: { type: 'object', additionalProperties: true } })
  @ApiCreatedResponse({ type: ImportedFrameworkDto })
  @ApiUnprocessableEntityResponse({ type: ErrorBody })
  async importJson(
    @Ctx() ctx: RequestContext,
    @Body() body: Record<string, unknown>,
    @Query() query: FrameworkImportQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ImportedFrameworkDto> {
    return imported(await this.frameworks.importDocument(ctx, body, { publish: query.publish ?? false }), reply);
  }

  @Post('import')
  @PlatformAdminOnly()
  @RouteConfig({ [SPREADSHEET_UPLOAD]: true })
  @ApiOperation({
    summary: 'Import a framework workbook (xlsx, the export layout) as the next version of its code',
    description: 'Problems name their sheet, row (header = 1) and column.',
  })
  @ApiConsumes(XLSX_MEDIA_TYPE)
  @ApiBody({ schema: BINARY })
  @ApiCreatedResponse({ type: ImportedFrameworkDto })
  @ApiUnprocessableEntityResponse({ type: ErrorBody })
  async importWorkbook(
    @Ctx() ctx: RequestContext,
    @Req() request: FastifyRequest,
    @Query() query: FrameworkImportQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ImportedFrameworkDto> {
    if (request.headers['content-type']?.split(';')[0].trim().toLowerCase() !== XLSX_MEDIA_TYPE) {
      throw new UnsupportedMediaTypeException(`Send the workbook itself as the body, as ${XLSX_MEDIA_TYPE}`);
    }
    const content = await readUpload(request, FRAMEWORK_WORKBOOK_LIMIT_BYTES);
    if (content.length === 0) throw new BadRequestException('The body is empty: send the workbook as the body');
    await assertAcceptableWorkbook(content);
    return imported(await this.frameworks.importWorkbook(ctx, content, { publish: query.publish ?? false }), reply);
  }

  @Get(':frameworkId')
  @Authenticated()
  @ApiOperation({ summary: 'A framework version with its tree, rules and counts per level' })
  @ApiOkResponse({ type: FrameworkDetailDto })
  async get(
    @Ctx() ctx: RequestContext,
    @Param('frameworkId', uuid()) frameworkId: string,
  ): Promise<FrameworkDetailDto> {
    return detail(await this.frameworks.get(ctx, frameworkId));
  }

  @Put(':frameworkId/document')
  @PlatformAdminOnly()
  @ApiOperation({ summary: 'Replace the document of a draft version (a published version answers 409)' })
  @ApiBody({ schema: { type: 'object', additionalProperties: true } })
  @ApiOkResponse({ type: FrameworkDetailDto })
  async replace(
    @Ctx() ctx: RequestContext,
    @Param('frameworkId', uuid()) frameworkId: string,
    @Body() body: Record<string, unknown>,
  ): Promise<FrameworkDetailDto> {
    return detail(await this.frameworks.replaceDraft(ctx, frameworkId, body));
  }

  @Post(':frameworkId/publish')
  @PlatformAdminOnly()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Publish a draft: it becomes immutable and periods may use it' })
  @ApiOkResponse({ type: FrameworkDto })
  async publish(@Ctx() ctx: RequestContext, @Param('frameworkId', uuid()) frameworkId: string): Promise<FrameworkDto> {
    return FrameworkDto.from(await this.frameworks.publish(ctx, frameworkId));
  }

  @Post(':frameworkId/versions')
  @PlatformAdminOnly()
  @ApiOperation({ summary: 'Start a new draft version of the same code from this version' })
  @ApiCreatedResponse({ type: FrameworkDto })
  async copy(@Ctx() ctx: RequestContext, @Param('frameworkId', uuid()) frameworkId: string): Promise<FrameworkDto> {
    return FrameworkDto.from(await this.frameworks.copy(ctx, frameworkId));
  }

  @Get(':frameworkId/diff')
  @Authenticated()
  @ApiOperation({ summary: 'What changed from another version to this one, node by node' })
  @ApiOkResponse({ type: FrameworkDiffDto })
  diff(
    @Ctx() ctx: RequestContext,
    @Param('frameworkId', uuid()) frameworkId: string,
    @Query() query: FrameworkDiffQueryDto,
  ): Promise<FrameworkDiffDto> {
    return this.frameworks.diff(ctx, frameworkId, query.against);
  }

  @Get(':frameworkId/export')
  @Authenticated()
  @ApiOperation({ summary: 'The version as a JSON document (default) or an xlsx workbook; both import again' })
  @ApiProduces('application/json', XLSX_MEDIA_TYPE)
  @ApiOkResponse({ schema: BINARY })
  async export(
    @Ctx() ctx: RequestContext,
    @Param('frameworkId', uuid()) frameworkId: string,
    @Query() query: FrameworkExportQueryDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const format = query.format ?? 'json';
    const framework = await this.frameworks.get(ctx, frameworkId);
    const file = await this.frameworks.export(ctx, frameworkId, format);
    const base = `${framework.code}-v${framework.version}`;
    void reply
      .header('content-type', format === 'json' ? 'application/json; charset=utf-8' : XLSX_MEDIA_TYPE)
      .header(
        'content-disposition',
        attachmentDisposition(`${base}.${format}`, `${framework.nameZh}-v${framework.version}.${format}`),
      )
      .send(file);
  }
}
