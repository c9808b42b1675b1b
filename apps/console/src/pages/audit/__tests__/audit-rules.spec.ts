import 'reflect-metadata';
import { getMetadataStorage } from 'class-validator';
import { AuditLogQueryDto } from '@chanjiao/core/audit/audit-log.dto';
import { AUDIT_FILTER_LIMITS, nextDay, summarizeChanges, toAuditQuery } from '../audit-rules';

describe('audit log filters', () => {
  it.each(Object.keys(AUDIT_FILTER_LIMITS) as Array<keyof typeof AUDIT_FILTER_LIMITS>)(
    '%s has the DTO’s length limit',
    (field) => {
      const max = getMetadataStorage()
        .getTargetValidationMetadatas(AuditLogQueryDto, '', false, false)
        .find((m) => m.propertyName === field && m.name === 'maxLength');
      expect(AUDIT_FILTER_LIMITS[field]).toBe(max?.constraints[0]);
    },
  );

  it('turns a range of days into from (inclusive) and the day after the last (exclusive)', () => {
    expect(toAuditQuery({ on: '2026-02-27~2026-02-28', action: 'consortia' })).toEqual({
      action: 'consortia',
      from: '2026-02-27',
      to: '2026-03-01',
    });
    expect(nextDay('2024-02-28')).toBe('2024-02-29');
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
    expect(toAuditQuery({ action: 'x' })).toEqual({ action: 'x' });
  });

  it('summarizes changes as before → after', () => {
    expect(summarizeChanges({ status: { from: 'applied', to: 'active' }, name: '苏州' })).toEqual([
      'status: applied → active',
      'name: 苏州',
    ]);
  });
});
