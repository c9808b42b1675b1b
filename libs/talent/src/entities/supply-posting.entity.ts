import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { EducationLevel, PostingStatus, SupplyMode, WeightedSkill } from './talent-enums';

/** A school's talent supply (人才供给): graduates of one of its programme offerings. */
@Entity({ name: 'talent_supply_postings' })
export class SupplyPosting {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  consortiumId: string;

  @Column('uuid')
  organizationId: string;

  @Column('uuid')
  offeringId: string;

  @Column('text')
  programmeCode: string;

  @Column('text')
  programmeClassCode: string;

  @Column('text')
  level: EducationLevel;

  @Column('text')
  title: string;

  @Column('int')
  cohortYear: number;

  @Column('int')
  headcount: number;

  @Column('date', { nullable: true })
  availableFrom: string | null;

  @Column('date', { nullable: true })
  validUntil: string | null;

  @Column('text', { array: true, default: '{}' })
  modes: SupplyMode[];

  @Column('jsonb', { default: [] })
  skills: WeightedSkill[];

  @Column('text', { default: '' })
  note: string;

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
