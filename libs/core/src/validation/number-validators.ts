import { ValidateBy, ValidationOptions, buildMessage } from 'class-validator';

/** The range of PostgreSQL's `integer` (int4). */
export const INT32_MIN = -2_147_483_648;
export const INT32_MAX = 2_147_483_647;

export function isInt32(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX;
}

/**
 * A whole number that fits an `integer` column (int4). Use it instead of `@IsInt()` on
 * every field stored in, or compared with, such a column: `@IsInt()` admits 3000000000
 * and 1e308, which PostgreSQL refuses. Narrower bounds go beside it (`@Min(1)`).
 */
export function IsInt32(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isInt32',
      validator: {
        validate: (value: unknown) => isInt32(value),
        defaultMessage: buildMessage(
          (each) => `${each}$property must be a whole number from ${INT32_MIN} to ${INT32_MAX}`,
          options,
        ),
      },
    },
    options,
  );
}
