import { Column, Entity } from 'typeorm';
import { Posting } from './posting.entity';
import { EducationLevel, SupplyMode, WeightedSkill } from './talent-enums';

/** A school's talent supply (人才供给): graduates of one of its programme offerings. */
@Entity({ name: 'talent_supply_postings' })
export class SupplyPosting extends Posting {
  @Column('uuid')
  offeringId: string;

  @Column('text')
  programmeCode: string;

  @Column('text')
  programmeClassCode: string;

  @Column('text')
  level: EducationLevel;

  @Column('int')
  cohortYear: number;

  @Column('date', { nullable: true })
  availableFrom: string | null;

  @Column('text', { array: true, default: '{}' })
  modes: SupplyMode[];

  @Column('jsonb', { default: [] })
  skills: WeightedSkill[];

  @Column('text', { default: '' })
  note: string;
}
