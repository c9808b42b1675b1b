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
  Query,
  Res,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  attachmentDisposition,
  Ctx,
  Permission,
  RequestContext,
  RequirePermission,
  XLSX_MEDIA_TYPE,
} from '@chanjiao/core';
import {
  AllBookingsQueryDto,
  AvailabilityDto,
  AvailabilityQueryDto,
  BookingCreatedDto,
  BookingDto,
  BookingListQueryDto,
  BookingPageDto,
  BookingTransitionDto,
  CalendarDto,
  CreateBookingDto,
  MonthQueryDto,
  UtilisationDto,
  UtilisationQueryDto,
} from '../dto/booking.dto';
import {
  AreaDto,
  ClosureOutDto,
  CreateTrainingBaseDto,
  EquipmentDto,
  TrainingBaseDetailDto,
  TrainingBaseDto,
  TrainingBaseListQueryDto,
  TrainingBasePageDto,
  UpdateTrainingBaseDto,
} from '../dto/training-base.dto';
import { BookingsService } from '../services/bookings.service';
import { OccupancyService } from '../services/occupancy.service';
import { TrainingBaseDetail, TrainingBasesService } from '../services/training-bases.service';
import { UtilisationService } from '../services/utilisation.service';

const uuid = () => new ParseUUIDPipe();
const BINARY = { type: 'string' as const, format: 'binary' };

function detailDto(detail: TrainingBaseDetail): TrainingBaseDetailDto {
  const cents = detail.equipment.reduce((sum, e) => sum + Math.round(Number(e.valueYuan) * 100) * e.quantity, 0);
  return {
    ...TrainingBaseDto.from(detail.base),
    areas: detail.areas.map(AreaDto.from),
    equipment: detail.equipment.map(EquipmentDto.from),
    closures: detail.closures.map(ClosureOutDto.from),
    equipmentValueYuan: (cents / 100).toFixed(2),
  };
}

/** Shared training bases (产教融合实训基地), their bookings, availability, calendar and utilisation. */
@ApiTags('training-bases')
@Controller('consortia/:consortiumId/training-bases')
export class TrainingBasesController {
  constructor(
    private readonly bases: TrainingBasesService,
    private readonly bookings: BookingsService,
    private readonly occupancy: OccupancyService,
    private readonly utilisation: UtilisationService,
  ) {}

  @Get()
  @RequirePermission(Permission.TrainingBasesRead)
  @ApiOperation({ summary: 'Training bases, by name' })
  @ApiOkResponse({ type: TrainingBasePageDto })
  async list(@Ctx() ctx: RequestContext, @Query() query: TrainingBaseListQueryDto): Promise<TrainingBasePageDto> {
    const page = await this.bases.list(ctx, query);
    return { items: page.items.map(TrainingBaseDto.from), nextCursor: page.nextCursor };
  }

  @Post()
  @RequirePermission(Permission.TrainingBasesManage)
  @ApiOperation({ summary: 'Register a base (a member user: hosted by its own organization)' })
  @ApiCreatedResponse({ type: TrainingBaseDetailDto })
  async create(@Ctx() ctx: RequestContext, @Body() body: CreateTrainingBaseDto): Promise<TrainingBaseDetailDto> {
    return detailDto(await this.bases.create(ctx, body));
  }

  @Get('availability')
  @RequirePermission(Permission.TrainingBasesRead)
  @ApiOperation({ summary: 'Free windows across all bases that fit the workstations and duration, sorted by start' })
  @ApiOkResponse({ type: AvailabilityDto })
  availability(@Ctx() ctx: RequestContext, @Query() query: AvailabilityQueryDto): Promise<AvailabilityDto> {
    return this.occupancy.availability(ctx, query);
  }

  @Get('utilisation')
  @RequirePermission(Permission.TrainingBasesRead)
  @ApiOperation({ summary: 'Utilisation per base for a China-time month: available, booked, used, no-shows, fees' })
  @ApiOkResponse({ type: UtilisationDto })
  utilisationReport(@Ctx() ctx: RequestContext, @Query() query: UtilisationQueryDto): Promise<UtilisationDto> {
    return this.utilisation.report(ctx, query);
  }

  @Get('utilisation/export')
  @RequirePermission(Permission.TrainingBasesRead)
  @ApiOperation({ summary: 'The utilisation report as xlsx (zh-CN headers)' })
  @ApiProduces(XLSX_MEDIA_TYPE)
  @ApiOkResponse({ schema: BINARY })
  async utilisationExport(
    @Ctx() ctx: RequestContext,
    @Query() query: UtilisationQueryDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const file = await this.utilisation.export(ctx, query);
    void reply
      .header('content-type', XLSX_MEDIA_TYPE)
      .header(
        'content-disposition',
        attachmentDisposition(`training-base-utilisation-${query.month}.xlsx`, `实训基地利用率-${query.month}.xlsx`),
      )
      .send(file);
  }

  @Get('bookings')
  @RequirePermission(Permission.TrainingBasesRead)
  @ApiOperation({ summary: 'Bookings of every base (e.g. ?status=requested: the approval queue)' })
  @ApiOkResponse({ type: BookingPageDto })
  async allBookings(@Ctx() ctx: RequestContext, @Query() query: AllBookingsQueryDto): Promise<BookingPageDto> {
    const page = await this.bookings.list(ctx, undefined, query);
    return { items: page.items.map(BookingDto.from), nextCursor: page.nextCursor };
  }

  @Get(':baseId')
  @RequirePermission(Permission.TrainingBasesRead)
  @ApiOperation({ summary: 'One base with its areas, equipment and closures' })
  @ApiOkResponse({ type: TrainingBaseDetailDto })
  async get(@Ctx() ctx: RequestContext, @Param('baseId', uuid()) baseId: string): Promise<TrainingBaseDetailDto> {
    return detailDto(await this.bases.detail(ctx, baseId));
  }

  @Patch(':baseId')
  @RequirePermission(Permission.TrainingBasesManage)
  @ApiOperation({
    summary: 'Change a base (host organization or secretariat); areas, equipment, closures are replaced whole',
  })
  @ApiOkResponse({ type: TrainingBaseDetailDto })
  async update(
    @Ctx() ctx: RequestContext,
    @Param('baseId', uuid()) baseId: string,
    @Body() body: UpdateTrainingBaseDto,
  ): Promise<TrainingBaseDetailDto> {
    return detailDto(await this.bases.update(ctx, baseId, body));
  }

  @Get(':baseId/calendar')
  @RequirePermission(Permission.TrainingBasesRead)
  @ApiOperation({ summary: 'One base’s occupancy by day for a China-time month' })
  @ApiOkResponse({ type: CalendarDto })
  calendar(
    @Ctx() ctx: RequestContext,
    @Param('baseId', uuid()) baseId: string,
    @Query() query: MonthQueryDto,
  ): Promise<CalendarDto> {
    return this.occupancy.calendar(ctx, baseId, query.month);
  }

  @Get(':baseId/bookings')
  @RequirePermission(Permission.TrainingBasesRead)
  @ApiOperation({ summary: 'Bookings of one base, by start' })
  @ApiOkResponse({ type: BookingPageDto })
  async listBookings(
    @Ctx() ctx: RequestContext,
    @Param('baseId', uuid()) baseId: string,
    @Query() query: BookingListQueryDto,
  ): Promise<BookingPageDto> {
    const page = await this.bookings.list(ctx, baseId, query);
    return { items: page.items.map(BookingDto.from), nextCursor: page.nextCursor };
  }

  @Post(':baseId/bookings')
  @RequirePermission(Permission.TrainingBasesBook)
  @ApiOperation({
    summary: 'Book workstations (409 with the clashing ranges; 422 naming the rule); a weekly series is all or nothing',
  })
  @ApiCreatedResponse({ type: BookingCreatedDto })
  async book(
    @Ctx() ctx: RequestContext,
    @Param('baseId', uuid()) baseId: string,
    @Body() body: CreateBookingDto,
  ): Promise<BookingCreatedDto> {
    const created = await this.bookings.create(ctx, baseId, body);
    return { seriesId: created.seriesId, bookings: created.bookings.map(BookingDto.from) };
  }

  @Get(':baseId/bookings/:bookingId')
  @RequirePermission(Permission.TrainingBasesRead)
  @ApiOperation({ summary: 'One booking' })
  @ApiOkResponse({ type: BookingDto })
  async getBooking(
    @Ctx() ctx: RequestContext,
    @Param('baseId', uuid()) baseId: string,
    @Param('bookingId', uuid()) bookingId: string,
  ): Promise<BookingDto> {
    return BookingDto.from(await this.bookings.get(ctx, baseId, bookingId));
  }

  @Post(':baseId/bookings/:bookingId/transitions')
  @RequirePermission(Permission.TrainingBasesBook)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'approve / reject / check in / complete (host or secretariat); cancel (also the booking organization)',
  })
  @ApiOkResponse({ type: [BookingDto] })
  async transition(
    @Ctx() ctx: RequestContext,
    @Param('baseId', uuid()) baseId: string,
    @Param('bookingId', uuid()) bookingId: string,
    @Body() body: BookingTransitionDto,
  ): Promise<BookingDto[]> {
    return (await this.bookings.transition(ctx, baseId, bookingId, body)).map(BookingDto.from);
  }
}
