import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../auth/access.decorators';
import { ErrorBody } from '../errors/error-body';
import { Ctx } from '../http/ctx.decorator';
import { RequestContext } from '../context/request-context';
import { JobStatusDto } from './job-status.dto';
import { JobStatusService } from './job-status.service';

@ApiTags('jobs')
@Controller('jobs')
export class JobsController {
  constructor(private readonly jobs: JobStatusService) {}

  @Get(':id')
  @Authenticated()
  @ApiOperation({ summary: 'State, progress and result of a background job' })
  @ApiOkResponse({ type: JobStatusDto })
  @ApiNotFoundResponse({ type: ErrorBody })
  get(
    @Ctx() ctx: RequestContext,
    // Any version: follow-up jobs have name-based (v5) ids.
    @Param('id', new ParseUUIDPipe({ version: 'all' })) id: string,
  ): Promise<JobStatusDto> {
    return this.jobs.get(ctx, id);
  }
}
