import { findIndustry } from '@chanjiao/core';

/**
 * An organization's industry name follows its GB/T 4754 code unless one is given:
 * setting a code without a name names it as the standard does.
 */
export function withIndustryName<T extends { industryCode?: string | null; industryName?: string | null }>(dto: T): T {
  if (!dto.industryCode || dto.industryName !== undefined) return dto;
  return { ...dto, industryName: findIndustry(dto.industryCode)?.name };
}

/** Leading industries with the standard's names where none was given. */
export function namedIndustries(
  industries: ReadonlyArray<{ code: string; name?: string }> | undefined,
): Array<{ code: string; name: string }> | undefined {
  return industries?.map(({ code, name }) => ({ code, name: name ?? findIndustry(code)?.name ?? code }));
}
