import { Column, Entity } from 'typeorm';
import { Posting } from './posting.entity';
import { EducationLevel, EmploymentType, WeightedSkill } from './talent-enums';

/** An enterprise's talent demand (人才需求). Codes are optional: title, description and skills suffice. */
@Entity({ name: 'talent_demand_postings' })
export class DemandPosting extends Posting {
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
}
