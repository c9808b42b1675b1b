import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A consortium's council (理事会) and its charter: quorum and pass thresholds as fractions. One per consortium. */
@Entity({ name: 'council' })
export class Council {
  @PrimaryColumn('uuid')
  consortiumId: string;

  @Column('text')
  name: string;

  @Column('integer')
  quorumNumerator: number;

  @Column('integer')
  quorumDenominator: number;

  @Column('integer')
  ordinaryPassNumerator: number;

  @Column('integer')
  ordinaryPassDenominator: number;

  @Column('integer')
  specialPassNumerator: number;

  @Column('integer')
  specialPassDenominator: number;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
