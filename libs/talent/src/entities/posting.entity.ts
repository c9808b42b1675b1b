import { Column, CreateDateColumn, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { PostingStatus } from './talent-enums';

/**
 * The columns every posting table has: ownership, the lifecycle (status, publication,
 * closing) and the search text. Not an entity of its own: demand and supply are two
 * tables, each entity adds its side's fields, and `PostingLifecycleService` works on
 * either through these.
 */
export abstract class Posting {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  consortiumId: string;

  @Column('uuid')
  organizationId: string;

  @Column('text')
  title: string;

  @Column('int')
  headcount: number;

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
