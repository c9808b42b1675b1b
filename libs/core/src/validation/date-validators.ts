import { ValidateBy, ValidationOptions, buildMessage } from 'class-validator';
import { chinaStartOfDay, isCalendarDate } from '../time/china-time';

/**
 * An instant: ISO 8601 calendar date and time with an explicit offset (`Z` or `±hh:mm`).
 * Week dates (`2026-W50`), ordinal dates, local times without an offset and impossible
 * days are refused, so nothing PostgreSQL would reject or read in the server's zone passes.
 */
const INSTANT =
  /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):([0-5]\d)(:([0-5]\d)(\.\d{1,6})?)?(Z|[+-]([01]\d|2[0-3]):?([0-5]\d))$/;

export function isInstant(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = INSTANT.exec(value);
  return match !== null && isCalendarDate(match[1]);
}

/** A calendar date `YYYY-MM-DD` that exists (a day in China time, see DESIGN.md "Time"). */
export function IsDateOnly(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isDateOnly',
      validator: {
        validate: (value: unknown) => isCalendarDate(value),
        defaultMessage: buildMessage((each) => `${each}$property must be a real calendar date (YYYY-MM-DD)`, options),
      },
    },
    options,
  );
}

/** An instant in ISO 8601 with its offset (`2026-12-10T09:00:00+08:00`). */
export function IsInstant(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isInstant',
      validator: {
        validate: (value: unknown) => isInstant(value),
        defaultMessage: buildMessage(
          (each) => `${each}$property must be an ISO 8601 date-time with an offset (e.g. 2026-12-10T09:00:00+08:00)`,
          options,
        ),
      },
    },
    options,
  );
}

/**
 * A bound of a time filter: an instant, or a calendar date meaning 00:00 that day in
 * China. Read it with `instantOf`.
 */
export function IsDateOrInstant(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isDateOrInstant',
      validator: {
        validate: (value: unknown) => isCalendarDate(value) || isInstant(value),
        defaultMessage: buildMessage(
          (each) => `${each}$property must be a date (YYYY-MM-DD, China time) or an ISO 8601 date-time with an offset`,
          options,
        ),
      },
    },
    options,
  );
}

/** The instant an `IsDateOrInstant` value names. */
export function instantOf(value: string): Date {
  return isCalendarDate(value) ? chinaStartOfDay(value) : new Date(value);
}
