import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { ALL_JOB_NAMES, JobName } from './job-names';
import { JOB_HANDLER_METADATA, JobHandler } from './job-handler';

export class JobHandlerRegistrationError extends Error {}

/** Finds every `@HandlesJob` provider and insists on exactly one handler per job name. */
@Injectable()
export class JobHandlerRegistry implements OnModuleInit {
  private readonly handlers = new Map<JobName, JobHandler<JobName>>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    const found = new Map<JobName, string[]>();
    for (const wrapper of this.discovery.getProviders()) {
      if (!wrapper.metatype || !wrapper.instance) continue;
      const name = this.reflector.get<JobName | undefined>(JOB_HANDLER_METADATA, wrapper.metatype as never);
      if (!name) continue;
      found.set(name, [...(found.get(name) ?? []), wrapper.name]);
      this.handlers.set(name, wrapper.instance as JobHandler<JobName>);
    }
    const problems = checkHandlerCoverage(ALL_JOB_NAMES, found);
    if (problems.length > 0) {
      throw new JobHandlerRegistrationError(`Worker cannot start:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    }
  }

  get(name: string): JobHandler<JobName> | undefined {
    return this.handlers.get(name as JobName);
  }
}

/** Pure check, unit-tested: every job name has exactly one handler, and no handler names an unknown job. */
export function checkHandlerCoverage(expected: readonly string[], found: Map<string, string[]>): string[] {
  const problems: string[] = [];
  for (const name of expected) {
    const handlers = found.get(name) ?? [];
    if (handlers.length === 0) problems.push(`job "${name}" has no handler`);
    if (handlers.length > 1) problems.push(`job "${name}" has ${handlers.length} handlers: ${handlers.join(', ')}`);
  }
  for (const name of found.keys()) {
    if (!expected.includes(name)) problems.push(`handler for unknown job "${name}"`);
  }
  return problems;
}
