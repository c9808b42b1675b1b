import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, Permission, RequestContext, RequirePermission } from '@chanjiao/core';
import {
  BulkApprovalDto,
  BulkApprovalResultDto,
  CreateReportDto,
  ReportDetailDto,
  ReportListQueryDto,
  ReportPageDto,
  ReviewCommentDto,
  UpdateReportDto,
} from '../dto/report.dto';
import { ReportsService } from '../services/reports.service';

const uuid = () => new ParseUUIDPipe();

/**
 * Reports on observation points: members enter and submit their own organization's,
 * the secretariat reviews each point (approve, return with a comment, reopen).
 */
@ApiTags('indicators')
@Controller('consortia/:consortiumId/indicator-reports')
export class IndicatorReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get()
  @RequirePermission(Permission.IndicatorsRead)
  @ApiOperation({ summary: 'Reports of a period (members: their own organization’s; observers: approved ones)' })
  @ApiOkResponse({ type: ReportPageDto })
  list(@Ctx() ctx: RequestContext, @Query() query: ReportListQueryDto): Promise<ReportPageDto> {
    return this.reports.list(ctx, query);
  }

  @Post()
  @RequirePermission(Permission.IndicatorsReport)
  @ApiOperation({ summary: 'Start a report of a point (a draft) for your organization' })
  @ApiCreatedResponse({ type: ReportDetailDto })
  create(@Ctx() ctx: RequestContext, @Body() body: CreateReportDto): Promise<ReportDetailDto> {
    return this.reports.create(ctx, body);
  }

  @Post('approvals')
  @RequirePermission(Permission.IndicatorsManage)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Approve many submitted reports at once; each refusal says why' })
  @ApiOkResponse({ type: BulkApprovalResultDto })
  approveMany(@Ctx() ctx: RequestContext, @Body() body: BulkApprovalDto): Promise<BulkApprovalResultDto> {
    return this.reports.approveMany(ctx, body.reportIds);
  }

  @Get(':reportId')
  @RequirePermission(Permission.IndicatorsRead)
  @ApiOperation({ summary: 'A report with every version of its value, its evidence and why it is locked' })
  @ApiOkResponse({ type: ReportDetailDto })
  get(@Ctx() ctx: RequestContext, @Param('reportId', uuid()) reportId: string): Promise<ReportDetailDto> {
    return this.reports.get(ctx, reportId);
  }

  @Patch(':reportId')
  @RequirePermission(Permission.IndicatorsReport)
  @ApiOperation({ summary: 'Change the value or note of a draft or returned report (423 with the reason when locked)' })
  @ApiOkResponse({ type: ReportDetailDto })
  update(
    @Ctx() ctx: RequestContext,
    @Param('reportId', uuid()) reportId: string,
    @Body() body: UpdateReportDto,
  ): Promise<ReportDetailDto> {
    return this.reports.update(ctx, reportId, body);
  }

  @Post(':reportId/submit')
  @RequirePermission(Permission.IndicatorsReport)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Submit for review (needs a value, evidence when required, and the rules kept)' })
  @ApiOkResponse({ type: ReportDetailDto })
  submit(@Ctx() ctx: RequestContext, @Param('reportId', uuid()) reportId: string): Promise<ReportDetailDto> {
    return this.reports.submit(ctx, reportId);
  }

  @Post(':reportId/approve')
  @RequirePermission(Permission.IndicatorsManage)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Approve a submitted report (the point rolls up again)' })
  @ApiOkResponse({ type: ReportDetailDto })
  approve(@Ctx() ctx: RequestContext, @Param('reportId', uuid()) reportId: string): Promise<ReportDetailDto> {
    return this.reports.approve(ctx, reportId);
  }

  @Post(':reportId/return')
  @RequirePermission(Permission.IndicatorsManage)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Return a submitted report to its reporter with a comment' })
  @ApiOkResponse({ type: ReportDetailDto })
  returnForChanges(
    @Ctx() ctx: RequestContext,
    @Param('reportId', uuid()) reportId: string,
    @Body() body: ReviewCommentDto,
  ): Promise<ReportDetailDto> {
    return this.reports.returnForChanges(ctx, reportId, body.comment);
  }

  @Post(':reportId/reopen')
  @RequirePermission(Permission.IndicatorsManage)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Reopen an approved report so it can change (it goes back to its reporter)' })
  @ApiOkResponse({ type: ReportDetailDto })
  reopen(
    @Ctx() ctx: RequestContext,
    @Param('reportId', uuid()) reportId: string,
    @Body() body: ReviewCommentDto,
  ): Promise<ReportDetailDto> {
    return this.reports.reopen(ctx, reportId, body.comment);
  }
}
