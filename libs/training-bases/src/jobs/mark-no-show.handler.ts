import { Injectable } from '@nestjs/common';
import { HandlesJob, JobExecution, JobHandler, JobName, JobPayload, JobResult, RequestContext } from '@chanjiao/core';
import { BookingsService } from '../services/bookings.service';

/** Enqueued (delayed) at approval: an approved booking without a check-in after the grace period becomes no_show. */
@Injectable()
@HandlesJob(JobName.MarkBookingNoShow)
export class MarkBookingNoShowHandler implements JobHandler<JobName.MarkBookingNoShow> {
  constructor(private readonly bookings: BookingsService) {}

  handle(
    ctx: RequestContext,
    payload: JobPayload<JobName.MarkBookingNoShow>,
    execution: JobExecution,
  ): Promise<JobResult<JobName.MarkBookingNoShow>> {
    return this.bookings.markNoShow(ctx, payload.bookingId, execution.jobId);
  }
}
