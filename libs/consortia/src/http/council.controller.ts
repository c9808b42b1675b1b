import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Ctx, CursorPageQueryDto, Permission, RequestContext, RequirePermission } from '@chanjiao/core';
import {
  AttendanceDto,
  CreateMeetingDto,
  CreateResolutionDto,
  CreateSeatDto,
  CreateTaskDto,
  MeetingTransitionDto,
  UpdateCouncilDto,
  UpdateSeatDto,
  MINUTES_FORMATS,
  MinutesQueryDto,
  UpdateTaskDto,
  VoteDto,
} from '../dto/council.dto';
import { CouncilService } from '../services/council.service';
import { MeetingsService } from '../services/meetings.service';
import { CouncilOverviewDto, MeetingDto, MeetingPageDto, ResolutionDto, SeatDto } from '../dto/council-views.dto';
import { MinutesService } from '../services/minutes.service';

const uuid = () => new ParseUUIDPipe();

/** The council (理事会): members and observers read, the secretariat runs it. */
@ApiTags('council')
@Controller('consortia/:consortiumId/council')
export class CouncilController {
  constructor(
    private readonly council: CouncilService,
    private readonly meetings: MeetingsService,
    private readonly minutesFiles: MinutesService,
  ) {}

  @Get()
  @RequirePermission(Permission.CouncilRead)
  @ApiOperation({ summary: 'Charter, seat count and whether the council is multi-party complete' })
  @ApiOkResponse({ type: CouncilOverviewDto })
  overview(@Ctx() ctx: RequestContext): Promise<CouncilOverviewDto> {
    return this.council.overview(ctx);
  }

  @Patch()
  @RequirePermission(Permission.CouncilWrite)
  @ApiOperation({ summary: 'Change the charter (quorum and pass thresholds as fractions)' })
  @ApiOkResponse({ type: CouncilOverviewDto })
  update(@Ctx() ctx: RequestContext, @Body() body: UpdateCouncilDto): Promise<CouncilOverviewDto> {
    return this.council.update(ctx, body);
  }

  @Get('seats')
  @RequirePermission(Permission.CouncilRead)
  @ApiOperation({ summary: 'Council seats (chair first), each marked whether its term covers today' })
  @ApiOkResponse({ type: [SeatDto] })
  seats(@Ctx() ctx: RequestContext): Promise<SeatDto[]> {
    return this.council.seats(ctx);
  }

  @Post('seats')
  @RequirePermission(Permission.CouncilWrite)
  @ApiOperation({ summary: 'Seat a person for a member organization (category from its type)' })
  @ApiCreatedResponse({ type: SeatDto })
  addSeat(@Ctx() ctx: RequestContext, @Body() body: CreateSeatDto): Promise<SeatDto> {
    return this.council.addSeat(ctx, body);
  }

  @Patch('seats/:seatId')
  @RequirePermission(Permission.CouncilWrite)
  @ApiOperation({ summary: 'Change a seat’s holder, role or term (an ended term leaves later meetings’ quorum)' })
  @ApiOkResponse({ type: SeatDto })
  updateSeat(
    @Ctx() ctx: RequestContext,
    @Param('seatId', uuid()) seatId: string,
    @Body() body: UpdateSeatDto,
  ): Promise<SeatDto> {
    return this.council.updateSeat(ctx, seatId, body);
  }

  @Get('meetings')
  @RequirePermission(Permission.CouncilRead)
  @ApiOperation({ summary: 'Meetings, newest first' })
  @ApiOkResponse({ type: MeetingPageDto })
  listMeetings(@Ctx() ctx: RequestContext, @Query() query: CursorPageQueryDto): Promise<MeetingPageDto> {
    return this.meetings.list(ctx, query);
  }

  @Post('meetings')
  @RequirePermission(Permission.CouncilWrite)
  @ApiOperation({ summary: 'Schedule a meeting' })
  @ApiCreatedResponse({ type: MeetingDto })
  createMeeting(@Ctx() ctx: RequestContext, @Body() body: CreateMeetingDto): Promise<MeetingDto> {
    return this.meetings.create(ctx, body);
  }

  @Get('meetings/:meetingId')
  @RequirePermission(Permission.CouncilRead)
  @ApiOperation({ summary: 'A meeting with attendance, quorum and resolutions' })
  @ApiOkResponse({ type: MeetingDto })
  meeting(@Ctx() ctx: RequestContext, @Param('meetingId', uuid()) meetingId: string): Promise<MeetingDto> {
    return this.meetings.get(ctx, meetingId);
  }

  @Post('meetings/:meetingId/status-transitions')
  @RequirePermission(Permission.CouncilWrite)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'scheduled → held | cancelled; held → minutes_approved (outcomes become final)' })
  @ApiOkResponse({ type: MeetingDto })
  transition(
    @Ctx() ctx: RequestContext,
    @Param('meetingId', uuid()) meetingId: string,
    @Body() body: MeetingTransitionDto,
  ): Promise<MeetingDto> {
    return this.meetings.transition(ctx, meetingId, body);
  }

  @Put('meetings/:meetingId/attendance')
  @RequirePermission(Permission.CouncilWrite)
  @ApiOperation({ summary: 'Record attendance per seat (present / absent / proxy to a present seat)' })
  @ApiOkResponse({ type: MeetingDto })
  attendance(
    @Ctx() ctx: RequestContext,
    @Param('meetingId', uuid()) meetingId: string,
    @Body() body: AttendanceDto,
  ): Promise<MeetingDto> {
    return this.meetings.setAttendance(ctx, meetingId, body);
  }

  @Post('meetings/:meetingId/resolutions')
  @RequirePermission(Permission.CouncilWrite)
  @ApiOperation({ summary: 'Table a resolution (ordinary or special)' })
  @ApiCreatedResponse({ type: ResolutionDto })
  addResolution(
    @Ctx() ctx: RequestContext,
    @Param('meetingId', uuid()) meetingId: string,
    @Body() body: CreateResolutionDto,
  ): Promise<ResolutionDto> {
    return this.meetings.addResolution(ctx, meetingId, body);
  }

  @Get('meetings/:meetingId/minutes')
  @RequirePermission(Permission.CouncilRead)
  @ApiOperation({ summary: 'Minutes (会议纪要): xlsx, or a printable PDF with ?format=pdf' })
  @ApiProduces(MINUTES_FORMATS.xlsx.contentType, MINUTES_FORMATS.pdf.contentType)
  @ApiOkResponse({
    description: 'The minutes file (attachment)',
    content: Object.fromEntries(
      Object.values(MINUTES_FORMATS).map(({ contentType }) => [
        contentType,
        { schema: { type: 'string', format: 'binary' } },
      ]),
    ),
  })
  async minutes(
    @Ctx() ctx: RequestContext,
    @Param('meetingId', uuid()) meetingId: string,
    @Query() query: MinutesQueryDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const file = await this.minutesFiles.minutes(ctx, meetingId, query.format ?? 'xlsx');
    void reply
      .header('content-type', file.contentType)
      .header(
        'content-disposition',
        `attachment; filename="minutes.${file.extension}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
      )
      .send(file.content);
  }

  @Get('resolutions/:resolutionId')
  @RequirePermission(Permission.CouncilRead)
  @ApiOperation({ summary: 'A resolution with votes, tally, outcome and follow-up tasks' })
  @ApiOkResponse({ type: ResolutionDto })
  resolution(@Ctx() ctx: RequestContext, @Param('resolutionId', uuid()) resolutionId: string): Promise<ResolutionDto> {
    return this.meetings.resolution(ctx, resolutionId);
  }

  @Post('resolutions/:resolutionId/votes')
  @RequirePermission(Permission.CouncilWrite)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Record a seat’s vote while the meeting is held (a new vote replaces the old)' })
  @ApiOkResponse({ type: ResolutionDto })
  vote(
    @Ctx() ctx: RequestContext,
    @Param('resolutionId', uuid()) resolutionId: string,
    @Body() body: VoteDto,
  ): Promise<ResolutionDto> {
    return this.meetings.vote(ctx, resolutionId, body);
  }

  @Post('resolutions/:resolutionId/tasks')
  @RequirePermission(Permission.CouncilWrite)
  @ApiOperation({ summary: 'Assign a follow-up task to a member organization' })
  @ApiCreatedResponse({ type: ResolutionDto, description: 'The resolution with its tasks' })
  addTask(
    @Ctx() ctx: RequestContext,
    @Param('resolutionId', uuid()) resolutionId: string,
    @Body() body: CreateTaskDto,
  ): Promise<ResolutionDto> {
    return this.meetings.addTask(ctx, resolutionId, body);
  }

  @Patch('tasks/:taskId')
  @RequirePermission(Permission.CouncilWrite)
  @ApiOperation({ summary: 'Update a follow-up task’s status' })
  @ApiOkResponse({ type: ResolutionDto, description: 'The task’s resolution with its tasks' })
  updateTask(
    @Ctx() ctx: RequestContext,
    @Param('taskId', uuid()) taskId: string,
    @Body() body: UpdateTaskDto,
  ): Promise<ResolutionDto> {
    return this.meetings.updateTask(ctx, taskId, body);
  }
}
