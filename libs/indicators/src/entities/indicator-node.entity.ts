import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Aggregation, Direction, ValueType } from './indicator-enums';

/** A node of a framework version, one row each (the document flattened), so reports can reference points. */
@Entity({ name: 'indicator_node' })
export class IndicatorNode {
  @PrimaryColumn('uuid')
  frameworkId: string;

  @PrimaryColumn('text')
  code: string;

  @Column('text', { nullable: true })
  parentCode: string | null;

  @Column('integer')
  depth: number;

  @Column('integer')
  position: number;

  @Column('text')
  nameZh: string;

  @Column('text')
  nameEn: string;

  @Column('numeric')
  weight: string;

  @Column('boolean')
  isPoint: boolean;

  @Column('text', { nullable: true })
  unit: string | null;

  @Column('text', { nullable: true })
  valueType: ValueType | null;

  @Column('text', { nullable: true })
  direction: Direction | null;

  @Column('text', { nullable: true })
  aggregation: Aggregation | null;

  @Column('text', { nullable: true })
  weightBy: string | null;

  @Column('text', { nullable: true })
  numerator: string | null;

  @Column('text', { nullable: true })
  denominator: string | null;

  @Column('text', { nullable: true })
  reporter: string | null;

  @Column('numeric', { nullable: true })
  targetNumber: string | null;

  @Column('boolean', { nullable: true })
  targetBoolean: boolean | null;

  @Column('boolean', { default: false })
  veto: boolean;

  @Column('boolean', { default: false })
  evidenceRequired: boolean;

  @Column('numeric', { nullable: true })
  minValue: string | null;

  @Column('numeric', { nullable: true })
  maxValue: string | null;
}
