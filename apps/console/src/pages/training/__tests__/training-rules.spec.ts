import 'reflect-metadata';
import { getMetadataStorage } from 'class-validator';
import { CreateDeliveryDto } from '@chanjiao/training-plans/dto/delivery.dto';
import { MONEY } from '@chanjiao/training-plans/dto/common';
import { CreateNeedDto } from '@chanjiao/training-plans/dto/need.dto';
import { CreateItemDto } from '@chanjiao/training-plans/dto/plan.dto';
import { MONEY_PATTERN, percent, TRAINING_LIMITS } from '../training-rules';

/** The bounds a DTO property's class-validator decorators declare (length, min/max). */
function boundsOf(dto: new () => object, property: string): { min?: number; max?: number } {
  const bounds: { min?: number; max?: number } = {};
  for (const rule of getMetadataStorage()
    .getTargetValidationMetadatas(dto, '', false, false)
    .filter((m) => m.propertyName === property)) {
    if (rule.name === 'isLength') [bounds.min, bounds.max] = rule.constraints as [number, number];
    if (rule.name === 'min') bounds.min = rule.constraints[0] as number;
    if (rule.name === 'max') bounds.max = rule.constraints[0] as number;
  }
  return bounds;
}

describe('training form rules', () => {
  it.each([
    ['topic', CreateNeedDto, 'topic'],
    ['title', CreateItemDto, 'title'],
    ['trainees', CreateNeedDto, 'trainees'],
    ['plannedSessions', CreateItemDto, 'plannedSessions'],
    ['plannedParticipantTimes', CreateItemDto, 'plannedParticipantTimes'],
    ['participantCount', CreateDeliveryDto, 'participantCount'],
  ] as const)('%s has the DTO’s bounds', (limit, dto, property) => {
    expect(TRAINING_LIMITS[limit]).toEqual(boundsOf(dto, property));
  });

  it('caps a session’s hours as the DTO does', () => {
    expect(TRAINING_LIMITS.sessionHours.max).toBe(boundsOf(CreateDeliveryDto, 'hours').max);
  });

  it('checks money as the API does', () => {
    expect(MONEY_PATTERN.source).toBe(MONEY.source);
    for (const value of ['0', '12000.00', '3.5']) expect(MONEY_PATTERN.test(value)).toBe(true);
    for (const value of ['12.345', '-1', 'abc', '1e3']) expect(MONEY_PATTERN.test(value)).toBe(false);
  });

  it.each([
    [0.4128, '41.3%'],
    [1, '100.0%'],
    [null, '—'],
  ])('shows rate %p as %s', (rate, text) => expect(percent(rate)).toBe(text));
});
