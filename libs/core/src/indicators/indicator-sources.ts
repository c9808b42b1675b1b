import { SetMetadata } from '@nestjs/common';
import { RequestContext } from '../context/request-context';

/**
 * Auto indicator points (`reporter: auto:<source>`) read the capability that holds the
 * data. Each context registers its own sources — a provider whose methods are marked
 * `@IndicatorSource('consortia.member_enterprises')` — so the indicators context finds
 * them at boot without importing any context's internals (as `@HandlesJob` handlers are).
 */
export const INDICATOR_SOURCE_METADATA = 'chanjiao:indicator-source';

/** A source name: `<context>.<what>`, lower case (the part after `auto:` in a framework). */
export const INDICATOR_SOURCE_NAME = /^[a-z][a-z0-9_.-]{1,63}$/;

export interface IndicatorSourcePeriod {
  /** First and last China-time days of the reporting period (YYYY-MM-DD). */
  startsOn: string;
  endsOn: string;
}

/** One row a value was computed from, for the drill-down. */
export interface IndicatorTraceRow {
  entityType: string;
  entityId: string;
  label: string;
}

export interface IndicatorSourceValue {
  value: number | boolean | null;
  trace: IndicatorTraceRow[];
}

/** A source method: `ctx` is scoped to the consortium; it reads through its own context's tables. */
export type IndicatorSourceFunction = (
  ctx: RequestContext,
  period: IndicatorSourcePeriod,
) => Promise<IndicatorSourceValue>;

/** Marks a provider method as the source of `auto:<name>` points. */
export function IndicatorSource(name: string): MethodDecorator {
  if (!INDICATOR_SOURCE_NAME.test(name)) throw new Error(`Invalid indicator source name "${name}"`);
  return SetMetadata(INDICATOR_SOURCE_METADATA, name);
}
