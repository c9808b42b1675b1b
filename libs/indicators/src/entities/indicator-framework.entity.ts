import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { FrameworkDocument } from '../domain/framework-document';
import { FrameworkStatus } from './indicator-enums';

/** One version of an indicator framework (platform reference data). Published versions never change. */
@Entity({ name: 'indicator_framework' })
export class IndicatorFramework {
  @PrimaryColumn('uuid')
  id: string;

  @Column('citext')
  code: string;

  @Column('integer')
  version: number;

  @Column('text')
  nameZh: string;

  @Column('text')
  nameEn: string;

  @Column('text', { nullable: true })
  description: string | null;

  @Column('text', { default: FrameworkStatus.Draft })
  status: FrameworkStatus;

  @Column('jsonb')
  document: FrameworkDocument;

  @Column('uuid', { nullable: true })
  basedOnId: string | null;

  @Column('uuid', { nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @Column('timestamptz', { nullable: true })
  publishedAt: Date | null;
}
