import { Inject, Injectable } from '@nestjs/common';
import {
  APP_CONFIG,
  AppConfig,
  HandlesJob,
  JobExecution,
  JobHandler,
  JobName,
  JobPayload,
  JobResult,
  RequestContext,
} from '@chanjiao/core';
import { DEMO_USERS } from '../demo/demo-users';
import { DemoUsersService } from '../services/demo-users.service';

/** Gives the demo consortium a secretariat, an enterprise HR member and an observer (idempotent). */
@Injectable()
@HandlesJob(JobName.SeedDemoUsers)
export class SeedDemoUsersHandler implements JobHandler<JobName.SeedDemoUsers> {
  constructor(
    private readonly demoUsers: DemoUsersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async handle(
    ctx: RequestContext,
    _payload: JobPayload<JobName.SeedDemoUsers>,
    execution: JobExecution,
  ): Promise<JobResult<JobName.SeedDemoUsers>> {
    const password = this.config.demo.userPassword;
    if (!password)
      return { consortiumId: ctx.consortiumId as string, created: 0, skipped: 'DEMO_USER_PASSWORD is not set' };
    let created = 0;
    for (const [index, user] of DEMO_USERS.entries()) {
      if (await this.demoUsers.ensure(ctx, user, password)) created += 1;
      await execution.reportProgress(((index + 1) / DEMO_USERS.length) * 100);
    }
    return { consortiumId: ctx.consortiumId as string, created };
  }
}
