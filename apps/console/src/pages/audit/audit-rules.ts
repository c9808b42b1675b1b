import type { components } from '../../api/schema';

export type AuditEntry = components['schemas']['AuditLogEntryDto'];

/** AuditLogQueryDto's text filters (audit-rules.spec.ts compares them with its class-validator rules). */
export const AUDIT_FILTER_LIMITS = { action: 100, entityType: 100, entityId: 100 } as const;

/** The list's filters as the URL keeps them → the API's query: `on` (YYYY-MM-DD~YYYY-MM-DD) becomes from/to. */
export function toAuditQuery(filters: Record<string, string | undefined>): Record<string, string | undefined> {
  const { on, ...rest } = filters;
  if (!on) return rest;
  const [from, last] = on.split('~');
  return { ...rest, from, to: last ? nextDay(last) : undefined };
}

/** `to` is exclusive: the day after the last day chosen. */
export function nextDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** The entry's changes as short "field: before → after" lines (the full JSON is one click away). */
export function summarizeChanges(changes: object): string[] {
  return Object.entries(changes as Record<string, unknown>)
    .slice(0, 4)
    .map(([field, value]) => {
      if (value && typeof value === 'object' && 'from' in value && 'to' in value) {
        const { from, to } = value as { from: unknown; to: unknown };
        return `${field}: ${short(from)} → ${short(to)}`;
      }
      return `${field}: ${short(value)}`;
    });
}

function short(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text === undefined ? '—' : text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
