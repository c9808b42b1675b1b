import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { ResolutionKind } from './council-enums';

/** A resolution tabled at a meeting; its outcome and tally are kept once the minutes are approved. */
@Entity({ name: 'council_resolution' })
export class CouncilResolution {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  consortiumId: string;

  @Column('uuid')
  meetingId: string;

  @Column('text')
  title: string;

  @Column('text', { default: '' })
  text: string;

  @Column('text')
  kind: ResolutionKind;

  @Column('text', { nullable: true })
  outcome: string | null;

  @Column('jsonb', { nullable: true })
  finalTally: object | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
