import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One participant of a session. The ID number is kept only as a keyed hash and its last four characters. */
@Entity({ name: 'training_roster_entry' })
export class TrainingRosterEntry {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') consortiumId: string;
  @Column('uuid') deliveryId: string;
  @Column('integer') position: number;
  @Column('text') name: string;
  @Column('uuid', { nullable: true }) organizationId: string | null;
  @Column('text', { nullable: true }) organizationName: string | null;
  @Column('text', { nullable: true }) idHash: string | null;
  @Column('text', { nullable: true }) idLast4: string | null;
}
