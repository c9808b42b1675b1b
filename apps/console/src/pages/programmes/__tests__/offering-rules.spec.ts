import 'reflect-metadata';
import { getMetadataStorage } from 'class-validator';
import { SCHOOL_PROGRAMME_LEVELS } from '@chanjiao/programmes/domain/catalogue-codes';
import { CreateOfferingDto, ExpectedGraduatesDto } from '@chanjiao/programmes/dto/offering.dto';
import {
  OFFERING_LIMITS,
  OFFERING_PHONE_PATTERN,
  SCHOOL_LEVELS,
  toOfferingCreate,
  toOfferingUpdate,
  type OfferingForm,
} from '../offering-rules';

/** The bounds a DTO property's class-validator decorators declare (length, min/max, array size). */
function boundsOf(dto: new () => object, property: string): { min?: number; max?: number } {
  const bounds: { min?: number; max?: number } = {};
  for (const rule of getMetadataStorage()
    .getTargetValidationMetadatas(dto, '', false, false)
    .filter((m) => m.propertyName === property)) {
    if (rule.name === 'isLength') [bounds.min, bounds.max] = rule.constraints as [number, number];
    if (rule.name === 'maxLength') bounds.max = rule.constraints[0] as number;
    if (rule.name === 'min') bounds.min = rule.constraints[0] as number;
    if (rule.name === 'max') bounds.max = rule.constraints[0] as number;
  }
  return bounds;
}

function arrayMaxOf(dto: new () => object, property: string): number | undefined {
  return getMetadataStorage()
    .getTargetValidationMetadatas(dto, '', false, false)
    .find((m) => m.propertyName === property && m.name === 'arrayMaxSize')?.constraints[0] as number | undefined;
}

describe('programme offering form rules', () => {
  it.each([
    ['startYear', CreateOfferingDto, 'startYear'],
    ['enrolmentPlan', CreateOfferingDto, 'enrolmentPlan'],
    ['studentsEnrolled', CreateOfferingDto, 'studentsEnrolled'],
    ['graduatesYear', ExpectedGraduatesDto, 'year'],
    ['graduatesCount', ExpectedGraduatesDto, 'count'],
    ['skill', CreateOfferingDto, 'skills'],
    ['certificate', CreateOfferingDto, 'certificates'],
    ['contactName', CreateOfferingDto, 'contactName'],
    ['contactEmail', CreateOfferingDto, 'contactEmail'],
    ['note', CreateOfferingDto, 'note'],
  ] as const)('%s has the DTO’s bounds', (limit, dto, property) => {
    expect(OFFERING_LIMITS[limit]).toEqual(boundsOf(dto, property));
  });

  it.each([
    'expectedGraduates',
    'skills',
    'certificates',
    'trainingModes',
    'partnerSchoolIds',
    'partnerEnterpriseIds',
  ] as const)('allows as many %s as the DTO', (property) => {
    expect(OFFERING_LIMITS[property].max).toBe(arrayMaxOf(CreateOfferingDto, property));
  });

  it('checks the contact phone with the DTO’s pattern', () => {
    const rule = getMetadataStorage()
      .getTargetValidationMetadatas(CreateOfferingDto, '', false, false)
      .find((m) => m.propertyName === 'contactPhone' && m.name === 'matches');
    expect(String(rule?.constraints[0])).toBe(String(OFFERING_PHONE_PATTERN));
  });

  it('offers each kind of school the levels the API lets it run', () => {
    expect(Object.keys(SCHOOL_LEVELS).sort()).toEqual(Object.keys(SCHOOL_PROGRAMME_LEVELS).sort());
    for (const [type, levels] of Object.entries(SCHOOL_PROGRAMME_LEVELS)) {
      expect([...SCHOOL_LEVELS[type as keyof typeof SCHOOL_LEVELS]].sort()).toEqual([...levels].sort());
    }
  });

  const values: OfferingForm = {
    organizationId: '8d7c5a1e-5f1f-4a39-9a8b-1f6f2f0d3c11',
    level: 'higher_vocational',
    programmeCode: ' 460303 ',
    startYear: 2020,
    status: 'active',
    enrolmentPlan: undefined,
    studentsEnrolled: 120,
    expectedGraduates: [{ year: 2027, count: 40 }, { year: 2028 }],
    skills: [' PLC ', ''],
    trainingModes: ['order_class'],
    contactName: '  ',
    contactPhone: '0512-66668888',
  };

  it('sends a new offering without the level or blank values', () => {
    expect(toOfferingCreate(values)).toEqual({
      organizationId: values.organizationId,
      programmeCode: '460303',
      startYear: 2020,
      status: 'active',
      studentsEnrolled: 120,
      expectedGraduates: [{ year: 2027, count: 40 }],
      skills: ['PLC'],
      certificates: [],
      trainingModes: ['order_class'],
      partnerSchoolIds: [],
      partnerEnterpriseIds: [],
      contactPhone: '0512-66668888',
    });
  });

  it('clears emptied values in a change (null), never sending the school or the programme', () => {
    const body = toOfferingUpdate(values) as Record<string, unknown>;
    expect(body).not.toHaveProperty('organizationId');
    expect(body).not.toHaveProperty('programmeCode');
    expect(body).toMatchObject({ enrolmentPlan: null, contactName: null, note: null, studentsEnrolled: 120 });
  });
});
