import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A delivered session of a plan item (by its key), recorded by the item's provider. */
@Entity({ name: 'training_delivery' })
export class TrainingDelivery {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') consortiumId: string;
  @Column('uuid') planId: string;
  @Column('uuid') itemKey: string;
  @Column('uuid') providerOrganizationId: string;
  @Column('date') heldOn: string;
  @Column('numeric', { precision: 6, scale: 1 }) hours: string;
  @Column('integer') participantCount: number;
  @Column('uuid', { array: true, default: () => `'{}'` }) participantOrganizationIds: string[];
  @Column('numeric', { precision: 14, scale: 2, default: 0 }) fundsReceived: string;
  @Column('text', { nullable: true }) note: string | null;
  @Column('uuid', { nullable: true }) recordedBy: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
