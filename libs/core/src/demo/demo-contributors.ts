import { Injectable, SetMetadata } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { RequestContext } from '../context/request-context';

/**
 * The demo seed (`consortia.seed-demo`) gives the demo consortium its data; a context
 * above consortia adds its own part (offerings, postings …) by marking a provider
 * `@ContributesDemo(order)` with a `seedDemo(ctx)` method, found at boot without the
 * consortia context importing it. Contributors run in order, in the seed job's
 * transaction (so the seed commits whole or not at all), after the consortium, its
 * organizations and council exist; each must be idempotent.
 */
export const DEMO_CONTRIBUTOR_METADATA = 'chanjiao:demo-contributor';

export interface DemoContributor {
  /** `ctx` is scoped to the demo consortium. */
  seedDemo(ctx: RequestContext): Promise<void>;
}

/** `order`: lower runs first (programmes 100, before contexts that read offerings). */
export function ContributesDemo(order: number): ClassDecorator {
  return SetMetadata(DEMO_CONTRIBUTOR_METADATA, order);
}

/** Every `@ContributesDemo` provider of the application, in order. */
@Injectable()
export class DemoContributors {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
  ) {}

  all(): DemoContributor[] {
    return this.discovery
      .getProviders()
      .flatMap((wrapper) => {
        const instance = wrapper.instance as Partial<DemoContributor> | undefined;
        if (!wrapper.metatype || !instance || typeof instance.seedDemo !== 'function') return [];
        const order = this.reflector.get<number | undefined>(DEMO_CONTRIBUTOR_METADATA, wrapper.metatype as never);
        return order === undefined ? [] : [{ order, name: wrapper.name, contributor: instance as DemoContributor }];
      })
      .sort((a, b) => a.order - b.order || String(a.name).localeCompare(String(b.name)))
      .map((entry) => entry.contributor);
  }
}
