import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { OfferingStatus, ProgrammeLevel, TrainingMode } from './programme-enums';

/** Graduates a school expects from an offering in one year. */
export interface ExpectedGraduates {
  year: number;
  count: number;
}

/** A school's programme offering (开设专业): a catalogue programme run by a school-type member. */
@Entity({ name: 'programme_offerings' })
export class ProgrammeOffering {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  consortiumId: string;

  /** The school (a school-type member organization) that owns the offering. */
  @Column('uuid')
  organizationId: string;

  /** The catalogue edition the offering was created under (it keeps pointing there). */
  @Column('text')
  catalogueEdition: string;

  @Column('text')
  programmeCode: string;

  /** The catalogue programme's level (held by the composite foreign key). */
  @Column('text')
  level: ProgrammeLevel;

  @Column('integer')
  startYear: number;

  @Column('text', { default: OfferingStatus.Active })
  status: OfferingStatus;

  @Column('integer', { nullable: true })
  enrolmentPlan: number | null;

  @Column('integer', { nullable: true })
  studentsEnrolled: number | null;

  /** Sorted by year, one entry per year. */
  @Column('jsonb', { default: () => `'[]'` })
  expectedGraduates: ExpectedGraduates[];

  /** Normalised with `normalizeSkill` (trim, full-width → half-width, case folded), distinct. */
  @Column('text', { array: true, default: () => `'{}'` })
  skills: string[];

  /** 1+X and other certificates. */
  @Column('text', { array: true, default: () => `'{}'` })
  certificates: string[];

  @Column('text', { array: true, default: () => `'{}'` })
  trainingModes: TrainingMode[];

  /** Partner schools of pathway programmes (贯通/分段培养), member organizations. */
  @Column('uuid', { array: true, default: () => `'{}'` })
  partnerSchoolIds: string[];

  /** Partner enterprises (order classes, apprenticeships, internships), member organizations. */
  @Column('uuid', { array: true, default: () => `'{}'` })
  partnerEnterpriseIds: string[];

  @Column('text', { nullable: true })
  contactName: string | null;

  @Column('text', { nullable: true })
  contactPhone: string | null;

  @Column('text', { nullable: true })
  contactEmail: string | null;

  @Column('text', { nullable: true })
  note: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
