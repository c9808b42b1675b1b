import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { MembershipStatus } from './membership-status';
import { OrganizationSize, OrganizationType } from './organization-type';

export interface OrganizationContact {
  name: string;
  title?: string;
  phone?: string;
  email?: string;
}

/** A member organization (成员单位) of one consortium. */
@Entity({ name: 'organization' })
export class Organization {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  consortiumId: string;

  @Column('text')
  type: OrganizationType;

  @Column('text')
  name: string;

  @Column('text', { nullable: true })
  nameEn: string | null;

  /** 统一社会信用代码 (GB 32100-2015), normalized upper case. */
  @Column('text', { nullable: true })
  creditCode: string | null;

  @Column('text', { nullable: true })
  district: string | null;

  @Column('text', { nullable: true })
  address: string | null;

  /** GB/T 4754-2017 industry code, e.g. `C3484`. */
  @Column('text', { nullable: true })
  industryCode: string | null;

  @Column('text', { nullable: true })
  industryName: string | null;

  @Column('text', { nullable: true })
  size: OrganizationSize | null;

  /** 龙头企业 */
  @Column('boolean', { default: false })
  leadingEnterprise: boolean;

  /** 产教融合型企业 */
  @Column('boolean', { default: false })
  certifiedIntegrationEnterprise: boolean;

  /** 双高 school */
  @Column('boolean', { default: false })
  doubleHighSchool: boolean;

  @Column('jsonb', { default: () => `'[]'::jsonb` })
  contacts: OrganizationContact[];

  @Column('text', { default: MembershipStatus.Applied })
  membershipStatus: MembershipStatus;

  @Column('date', { nullable: true })
  membershipChangedOn: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
