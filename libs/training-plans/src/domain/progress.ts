/**
 * Progress of a plan against its approved version (pure arithmetic, no I/O): per item,
 * per training type, per provider and in total — sessions, participant-times (人次),
 * hours (学时: the sum of session lengths) and funds received against plan, and the
 * distinct persons of the rosters (by the keyed ID hash, so a person in several
 * sessions, or with several providers, counts once in every group they appear in).
 * Money is added in fen and hours in tenths, so no float rounding creeps in.
 */
export interface ProgressItem {
  itemKey: string;
  title: string;
  type: string;
  providerOrganizationId: string;
  plannedSessions: number;
  plannedParticipantTimes: number;
  /** Decimal strings. */
  plannedHours: string;
  budget: string;
}

export interface ProgressDelivery {
  id: string;
  itemKey: string;
  /** The item's type (from the latest version that has the item). */
  type: string;
  providerOrganizationId: string;
  hours: string;
  participantCount: number;
  fundsReceived: string;
}

export interface ProgressRosterEntry {
  deliveryId: string;
  idHash: string | null;
}

export interface ProgressFigures {
  plannedSessions: number;
  sessions: number;
  plannedParticipantTimes: number;
  participantTimes: number;
  plannedHours: string;
  hours: string;
  budget: string;
  fundsReceived: string;
  /** Actual ÷ planned (4 decimals); null when nothing is planned. */
  participantTimesRate: number | null;
  hoursRate: number | null;
  fundsRate: number | null;
  /** Distinct persons over the rosters (by ID hash); roster entries without an ID number are counted apart. */
  distinctPersons: number;
  rosterEntries: number;
  entriesWithoutId: number;
}

export interface ProgressRow extends ProgressFigures {
  key: string;
}

export interface ItemProgressRow extends ProgressRow {
  title: string;
  type: string;
  providerOrganizationId: string;
  /** False for an item of an earlier version that the approved version no longer has. */
  inPlan: boolean;
}

export interface PlanProgress {
  total: ProgressFigures;
  byItem: ItemProgressRow[];
  byType: ProgressRow[];
  byProvider: ProgressRow[];
}

/** "12.5" → 125 tenths; "1234.56" → 123456 fen (exact for the stored scales). */
export function toUnits(value: string, scale: number): number {
  const [whole, fraction = ''] = value.trim().split('.');
  const negative = whole.startsWith('-');
  const digits = Number(`${whole.replace('-', '')}${fraction.padEnd(scale, '0').slice(0, scale)}`);
  return negative ? -digits : digits;
}

export function fromUnits(units: number, scale: number): string {
  const negative = units < 0;
  const text = String(Math.abs(units)).padStart(scale + 1, '0');
  const result = scale === 0 ? text : `${text.slice(0, -scale)}.${text.slice(-scale)}`;
  return negative ? `-${result}` : result;
}

function rate(actual: number, planned: number): number | null {
  return planned > 0 ? Math.round((actual / planned) * 10000) / 10000 : null;
}

class Accumulator {
  plannedSessions = 0;
  sessions = 0;
  plannedParticipantTimes = 0;
  participantTimes = 0;
  plannedHoursTenths = 0;
  hoursTenths = 0;
  budgetFen = 0;
  fundsFen = 0;
  persons = new Set<string>();
  rosterEntries = 0;
  entriesWithoutId = 0;

  plan(item: ProgressItem): void {
    this.plannedSessions += item.plannedSessions;
    this.plannedParticipantTimes += item.plannedParticipantTimes;
    this.plannedHoursTenths += toUnits(item.plannedHours, 1);
    this.budgetFen += toUnits(item.budget, 2);
  }

  deliver(delivery: ProgressDelivery, roster: readonly ProgressRosterEntry[]): void {
    this.sessions += 1;
    this.participantTimes += delivery.participantCount;
    this.hoursTenths += toUnits(delivery.hours, 1);
    this.fundsFen += toUnits(delivery.fundsReceived, 2);
    for (const entry of roster) {
      this.rosterEntries += 1;
      if (entry.idHash) this.persons.add(entry.idHash);
      else this.entriesWithoutId += 1;
    }
  }

  figures(): ProgressFigures {
    return {
      plannedSessions: this.plannedSessions,
      sessions: this.sessions,
      plannedParticipantTimes: this.plannedParticipantTimes,
      participantTimes: this.participantTimes,
      plannedHours: fromUnits(this.plannedHoursTenths, 1),
      hours: fromUnits(this.hoursTenths, 1),
      budget: fromUnits(this.budgetFen, 2),
      fundsReceived: fromUnits(this.fundsFen, 2),
      participantTimesRate: rate(this.participantTimes, this.plannedParticipantTimes),
      hoursRate: rate(this.hoursTenths, this.plannedHoursTenths),
      fundsRate: rate(this.fundsFen, this.budgetFen),
      distinctPersons: this.persons.size,
      rosterEntries: this.rosterEntries,
      entriesWithoutId: this.entriesWithoutId,
    };
  }
}

function group(map: Map<string, Accumulator>, key: string): Accumulator {
  let found = map.get(key);
  if (!found) {
    found = new Accumulator();
    map.set(key, found);
  }
  return found;
}

export function computeProgress(
  items: readonly ProgressItem[],
  deliveries: readonly ProgressDelivery[],
  roster: readonly ProgressRosterEntry[],
): PlanProgress {
  const rosterOf = new Map<string, ProgressRosterEntry[]>();
  for (const entry of roster) {
    const list = rosterOf.get(entry.deliveryId) ?? [];
    list.push(entry);
    rosterOf.set(entry.deliveryId, list);
  }
  const total = new Accumulator();
  const byItem = new Map<string, Accumulator>();
  const byType = new Map<string, Accumulator>();
  const byProvider = new Map<string, Accumulator>();
  const itemInfo = new Map<string, Omit<ItemProgressRow, keyof ProgressRow>>();

  for (const item of items) {
    itemInfo.set(item.itemKey, {
      title: item.title,
      type: item.type,
      providerOrganizationId: item.providerOrganizationId,
      inPlan: true,
    });
    for (const accumulator of [
      total,
      group(byItem, item.itemKey),
      group(byType, item.type),
      group(byProvider, item.providerOrganizationId),
    ]) {
      accumulator.plan(item);
    }
  }
  for (const delivery of deliveries) {
    if (!itemInfo.has(delivery.itemKey)) {
      itemInfo.set(delivery.itemKey, {
        title: '',
        type: delivery.type,
        providerOrganizationId: delivery.providerOrganizationId,
        inPlan: false,
      });
    }
    const entries = rosterOf.get(delivery.id) ?? [];
    for (const accumulator of [
      total,
      group(byItem, delivery.itemKey),
      group(byType, delivery.type),
      group(byProvider, delivery.providerOrganizationId),
    ]) {
      accumulator.deliver(delivery, entries);
    }
  }
  const rows = (map: Map<string, Accumulator>): ProgressRow[] =>
    [...map.entries()].map(([key, accumulator]) => ({ key, ...accumulator.figures() }));
  return {
    total: total.figures(),
    byItem: rows(byItem).map((row) => ({
      ...row,
      ...(itemInfo.get(row.key) as Omit<ItemProgressRow, keyof ProgressRow>),
    })),
    byType: rows(byType).sort((a, b) => a.key.localeCompare(b.key)),
    byProvider: rows(byProvider).sort((a, b) => a.key.localeCompare(b.key)),
  };
}
