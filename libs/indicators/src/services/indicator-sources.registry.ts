import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import {
  INDICATOR_SOURCE_METADATA,
  IndicatorSourceFunction,
  IndicatorSourcePeriod,
  IndicatorSourceValue,
  RequestContext,
} from '@chanjiao/core';

/**
 * Finds every `@IndicatorSource(name)` method the capability contexts registered, so
 * `auto:<name>` points read their source without this context importing any other's
 * internals. A name registered twice stops the app at boot.
 */
@Injectable()
export class IndicatorSourcesRegistry implements OnModuleInit {
  private readonly logger = new Logger(IndicatorSourcesRegistry.name);
  private readonly sources = new Map<string, IndicatorSourceFunction>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || !wrapper.metatype) continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const target = (prototype as Record<string, unknown>)[method] as object;
        const name = this.reflector.get<string | undefined>(INDICATOR_SOURCE_METADATA, target as never);
        if (!name) continue;
        if (this.sources.has(name)) throw new Error(`Indicator source "${name}" is registered twice`);
        const fn = instance[method] as IndicatorSourceFunction;
        this.sources.set(name, fn.bind(instance));
      }
    }
    this.logger.log(`Indicator sources: ${[...this.sources.keys()].sort().join(', ') || '(none)'}`);
  }

  names(): string[] {
    return [...this.sources.keys()].sort();
  }

  /** The source's value, or none (with a note in the trace) when no context provides it. */
  async read(
    ctx: RequestContext,
    name: string,
    period: IndicatorSourcePeriod,
  ): Promise<IndicatorSourceValue & { known: boolean }> {
    const source = this.sources.get(name);
    if (!source) return { value: null, trace: [], known: false };
    return { ...(await source(ctx, period)), known: true };
  }
}
