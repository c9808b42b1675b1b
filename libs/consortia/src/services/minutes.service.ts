import { Injectable } from '@nestjs/common';
import { Clock, RequestContext } from '@chanjiao/core';
import { MINUTES_FORMATS } from '../dto/council.dto';
import { ConsortiaService } from './consortia.service';
import { MeetingsService } from './meetings.service';
import { buildMinutesPdf } from './minutes-pdf';
import { buildMinutesWorkbook, MinutesInput } from './minutes-workbook';

export interface MinutesFile {
  content: Buffer;
  contentType: string;
  /** Suggested file name (Chinese), e.g. `第一次全体会议-会议纪要.pdf`. */
  filename: string;
  extension: string;
}

/** The minutes (会议纪要) of a meeting as a file: its council, attendance, quorum and resolutions. */
@Injectable()
export class MinutesService {
  constructor(
    private readonly meetings: MeetingsService,
    private readonly consortia: ConsortiaService,
    private readonly clock: Clock,
  ) {}

  async minutes(ctx: RequestContext, meetingId: string, format: keyof typeof MINUTES_FORMATS): Promise<MinutesFile> {
    const meeting = await this.meetings.get(ctx, meetingId);
    const consortium = await this.consortia.get(ctx, ctx.consortiumId as string);
    const input: MinutesInput = {
      consortiumName: consortium.name,
      meeting,
      // The meeting's council as counted for its quorum (as held then, once the minutes are approved).
      seats: meeting.council,
      attendance: meeting.attendance,
      quorum: meeting.quorum,
      resolutions: meeting.resolutions,
    };
    const { extension, contentType } = MINUTES_FORMATS[format];
    const content =
      format === 'pdf' ? await buildMinutesPdf(input, this.clock.now()) : await buildMinutesWorkbook(input);
    return { content, contentType, extension, filename: `${meeting.title}-会议纪要.${extension}` };
  }
}
