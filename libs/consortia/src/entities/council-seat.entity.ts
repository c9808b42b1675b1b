import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { SeatRole } from './council-enums';

/** A council seat: a person holding a role for a member organization over a term (China-time days). */
@Entity({ name: 'council_seat' })
export class CouncilSeat {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  consortiumId: string;

  @Column('uuid')
  organizationId: string;

  @Column('text')
  personName: string;

  @Column('text', { nullable: true })
  personTitle: string | null;

  @Column('text')
  role: SeatRole;

  @Column('date')
  termStart: string;

  @Column('date')
  termEnd: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
