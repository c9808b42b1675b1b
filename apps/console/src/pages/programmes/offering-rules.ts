import type { components } from '../../api/schema';

export type Offering = components['schemas']['OfferingDto'];
export type OfferingCreateBody = components['schemas']['CreateOfferingDto'];
export type OfferingUpdateBody = components['schemas']['UpdateOfferingDto'];
export type Programme = components['schemas']['ProgrammeDto'];
export type ProgrammeLevel = Programme['level'];
export type OfferingStatus = Offering['status'];
export type TrainingMode = Offering['trainingModes'][number];
export type OrganizationType = components['schemas']['OrganizationDto']['type'];

/**
 * Bounds of CreateOfferingDto and ExpectedGraduatesDto, checked before sending;
 * __tests__/offering-rules.spec.ts compares them with the class-validator metadata.
 */
export const OFFERING_LIMITS = {
  startYear: { min: 1949, max: 2200 },
  enrolmentPlan: { min: 0, max: 100000 },
  studentsEnrolled: { min: 0, max: 1000000 },
  graduatesYear: { min: 1949, max: 2200 },
  graduatesCount: { min: 0, max: 100000 },
  expectedGraduates: { max: 20 },
  skills: { max: 50 },
  skill: { min: 1, max: 60 },
  certificates: { max: 30 },
  certificate: { min: 1, max: 100 },
  trainingModes: { max: 4 },
  partnerSchoolIds: { max: 20 },
  partnerEnterpriseIds: { max: 50 },
  contactName: { min: 1, max: 40 },
  contactEmail: { max: 254 },
  note: { max: 2000 },
} as const;

/** CreateOfferingDto.contactPhone. */
export const OFFERING_PHONE_PATTERN = /^\+?[0-9 ()-]{5,20}$/;

/**
 * The programme levels each kind of school runs (SCHOOL_PROGRAMME_LEVELS in
 * libs/programmes/src/domain/catalogue-codes.ts; the spec compares): the levels the form offers.
 */
export const SCHOOL_LEVELS: { readonly [T in OrganizationType]: readonly ProgrammeLevel[] } = {
  secondary_vocational: ['secondary_vocational'],
  higher_vocational: ['higher_vocational'],
  vocational_bachelor: ['higher_vocational', 'vocational_bachelor'],
  general_bachelor: ['higher_vocational', 'vocational_bachelor'],
  technician_college: ['secondary_vocational', 'higher_vocational'],
  government: [],
  enterprise: [],
  research_institute: [],
  industry_association: [],
  other: [],
};

export function isSchool(type: OrganizationType | undefined): boolean {
  return type !== undefined && SCHOOL_LEVELS[type].length > 0;
}

export const STATUS_COLORS: Record<OfferingStatus, string> = {
  active: 'success',
  upgrading: 'processing',
  suspended: 'warning',
  discontinued: 'default',
};

/** The form's values (graduates as rows, optional numbers and texts possibly blank). */
export interface OfferingForm {
  organizationId?: string;
  level?: ProgrammeLevel;
  programmeCode?: string;
  startYear: number;
  status: OfferingStatus;
  enrolmentPlan?: number | null;
  studentsEnrolled?: number | null;
  expectedGraduates?: Array<{ year?: number | null; count?: number | null } | undefined>;
  skills?: string[];
  certificates?: string[];
  trainingModes?: TrainingMode[];
  partnerSchoolIds?: string[];
  partnerEnterpriseIds?: string[];
  contactName?: string | null;
  contactPhone?: string | null;
  contactEmail?: string | null;
  note?: string | null;
}

/** Each list entry trimmed, blanks dropped. */
const texts = (values: readonly string[] | undefined) => (values ?? []).map((v) => v.trim()).filter((v) => v !== '');
const text = (value: string | null | undefined) => value?.trim() || null;
const numberOrNull = (value: number | null | undefined) => (value === undefined || value === null ? null : value);

/** The fields both bodies share; a cleared optional value is null (PATCH clears it, POST leaves it out). */
function common(values: OfferingForm) {
  return {
    startYear: values.startYear,
    status: values.status,
    enrolmentPlan: numberOrNull(values.enrolmentPlan),
    studentsEnrolled: numberOrNull(values.studentsEnrolled),
    expectedGraduates: (values.expectedGraduates ?? [])
      .filter((g) => g?.year !== undefined && g?.year !== null && g.count !== undefined && g.count !== null)
      .map((g) => ({ year: g!.year as number, count: g!.count as number })),
    skills: texts(values.skills),
    certificates: texts(values.certificates),
    trainingModes: values.trainingModes ?? [],
    partnerSchoolIds: values.partnerSchoolIds ?? [],
    partnerEnterpriseIds: values.partnerEnterpriseIds ?? [],
    contactName: text(values.contactName),
    contactPhone: text(values.contactPhone),
    contactEmail: text(values.contactEmail),
    note: text(values.note),
  };
}

/** Form values → POST body: the school and the programme, nulls left out (the level is the programme's). */
export function toOfferingCreate(values: OfferingForm): OfferingCreateBody {
  const body = Object.fromEntries(Object.entries(common(values)).filter(([, v]) => v !== null));
  return {
    ...body,
    ...(values.organizationId ? { organizationId: values.organizationId } : {}),
    programmeCode: values.programmeCode?.trim().toUpperCase() ?? '',
  } as OfferingCreateBody;
}

/** Form values → PATCH body: every editable field, a cleared one as null (the school and programme stay). */
export function toOfferingUpdate(values: OfferingForm): OfferingUpdateBody {
  return common(values) as unknown as OfferingUpdateBody;
}

/** An offering → the form's values for editing. */
export function toOfferingForm(offering: Offering): OfferingForm {
  return {
    organizationId: offering.organizationId,
    level: offering.level,
    programmeCode: offering.programmeCode,
    startYear: offering.startYear,
    status: offering.status,
    enrolmentPlan: offering.enrolmentPlan,
    studentsEnrolled: offering.studentsEnrolled,
    expectedGraduates: offering.expectedGraduates.map((g) => ({ ...g })),
    skills: [...offering.skills],
    certificates: [...offering.certificates],
    trainingModes: [...offering.trainingModes],
    partnerSchoolIds: [...offering.partnerSchoolIds],
    partnerEnterpriseIds: [...offering.partnerEnterpriseIds],
    contactName: offering.contactName,
    contactPhone: offering.contactPhone,
    contactEmail: offering.contactEmail,
    note: offering.note,
  };
}

/** The fields the API may name in a refusal, as the form's names. */
export const OFFERING_FIELDS = [
  'organizationId',
  'programmeCode',
  'startYear',
  'status',
  'enrolmentPlan',
  'studentsEnrolled',
  'expectedGraduates',
  'skills',
  'certificates',
  'trainingModes',
  'partnerSchoolIds',
  'partnerEnterpriseIds',
  'contactName',
  'contactPhone',
  'contactEmail',
  'note',
] as const;
