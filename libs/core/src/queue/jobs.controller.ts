import { Controller, Get, Param, ParseUUIDPipe, Req } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../auth/access.decorators';
import { ErrorBody } from '../errors/error-body';
import { requestContextOf } from '../http/request-context.util';
import type { FastifyRequest } from 'fastify';
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
    @Req() request: FastifyRequest,
    @Param('id', new ParseUUIDPipe({ version: '4' })) id: string,
  ): Promise<JobStatusDto> {
    return this.jobs.get(requestContextOf(request), id);
  }
}
