import { Actor, ConsortiumRole } from '@chanjiao/core';
import { ExpectedGraduates } from '../entities/programme-offering.entity';

/** Who may change which school's offerings: the secretariat (and platform admins) any; a member only its own organization's. */
export type OfferingEditor = { kind: 'any' } | { kind: 'own'; organizationId: string } | { kind: 'none' };

export function offeringEditor(actor: Actor | undefined): OfferingEditor {
  if (!actor) return { kind: 'none' };
  if (actor.platformAdmin || actor.role === ConsortiumRole.Secretariat) return { kind: 'any' };
  if (actor.role === ConsortiumRole.Member && actor.organizationId) {
    return { kind: 'own', organizationId: actor.organizationId };
  }
  return { kind: 'none' };
}

export function mayEditOfferingsOf(editor: OfferingEditor, organizationId: string): boolean {
  return editor.kind === 'any' || (editor.kind === 'own' && editor.organizationId === organizationId);
}

/** Expected graduates sorted by year; a year given twice is a problem (returned, not thrown). */
export function normalizeExpectedGraduates(
  entries: readonly ExpectedGraduates[],
): { value: ExpectedGraduates[] } | { duplicateYear: number } {
  const byYear = new Map<number, number>();
  for (const { year, count } of entries) {
    if (byYear.has(year)) return { duplicateYear: year };
    byYear.set(year, count);
  }
  return { value: [...byYear.entries()].sort((a, b) => a[0] - b[0]).map(([year, count]) => ({ year, count })) };
}

/** Distinct, trimmed, blanks dropped, in the order given. */
export function distinctTexts(values: readonly string[]): string[] {
  return [...new Set(values.map((v) => v.normalize('NFC').trim()).filter((v) => v !== ''))];
}
