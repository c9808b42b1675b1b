import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { PointAggregate, RollupResult } from '../domain/rollup';

export interface RollupSnapshot extends RollupResult {
  /** What each point added up to (the inputs of the tree computation). */
  aggregates: Record<string, PointAggregate>;
  /** Auto points: the rows their value came from. */
  traces: Record<string, Array<{ entityType: string; entityId: string; label: string }>>;
  elapsed: number;
  targets: Record<string, number | boolean>;
}

/** One roll-up run of a period: when, from what (digest), and the whole result. */
@Entity({ name: 'indicator_rollup' })
export class IndicatorRollup {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  consortiumId: string;

  @Column('uuid')
  periodId: string;

  @Column('text')
  kind: 'full' | 'incremental';

  @Column('text', { nullable: true })
  triggerPoint: string | null;

  @Column('text')
  inputsDigest: string;

  @Column('timestamptz')
  computedAt: Date;

  @Column('jsonb')
  result: RollupSnapshot;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
