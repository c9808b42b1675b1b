import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { EducationLevel, EmploymentType, PostingStatus, WeightedSkill } from './talent-enums';

/** An enterprise's talent demand (人才需求). Codes are optional: title, description and skills suffice. */
@Entity({ name: 'talent_demand_postings' })
export class DemandPosting {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  consortiumId: string;

  @Column('uuid')
  organizationId: string;

  @Column('text')
  title: string;

  @Column('text', { default: '' })
  description: string;

  @Column('text', { nullable: true })
  occupationCode: string | null;

  @Column('text', { array: true, default: '{}' })
  programmeCodes: string[];

  @Column('text', { array: true, default: '{}' })
  programmeClassCodes: string[];

  @Column('text', { nullable: true })
  minLevel: EducationLevel | null;

  @Column('int')
  headcount: number;

  @Column('jsonb', { default: [] })
  requiredSkills: WeightedSkill[];

  @Column('jsonb', { default: [] })
  preferredSkills: WeightedSkill[];

  @Column('text', { array: true, default: '{}' })
  certificates: string[];

  @Column('text')
  employmentType: EmploymentType;

  @Column('text', { nullable: true })
  district: string | null;

  @Column('boolean', { default: false })
  inPark: boolean;

  @Column('numeric', { precision: 10, scale: 2, nullable: true })
  salaryMin: string | null;

  @Column('numeric', { precision: 10, scale: 2, nullable: true })
  salaryMax: string | null;

  @Column('date', { nullable: true })
  startDate: string | null;

  @Column('date', { nullable: true })
  validUntil: string | null;

  @Column('text', { default: PostingStatus.Draft })
  status: PostingStatus;

  @Column('timestamptz', { nullable: true })
  publishedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  closedAt: Date | null;

  @Column('text', { nullable: true })
  closeReason: string | null;

  @Column('uuid', { nullable: true })
  closedBy: string | null;

  @Column('text', { default: '' })
  searchText: string;

  @Column('uuid', { nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
