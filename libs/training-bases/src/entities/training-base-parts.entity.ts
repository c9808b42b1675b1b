import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An area or room of a base with its own workstations (a booking may name one). */
@Entity({ name: 'training_base_area' })
export class TrainingBaseArea {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') consortiumId: string;
  @Column('uuid') baseId: string;
  @Column('text') name: string;
  @Column('integer') workstations: number;
}

@Entity({ name: 'training_base_equipment' })
export class TrainingBaseEquipment {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') consortiumId: string;
  @Column('uuid') baseId: string;
  @Column('integer') position: number;
  @Column('text') name: string;
  @Column('text', { default: '' }) model: string;
  @Column('integer') quantity: number;
  @Column('numeric', { precision: 14, scale: 2, default: 0 }) valueYuan: string;
}

/** Days the base is closed (holidays, maintenance), China-time dates, inclusive. */
@Entity({ name: 'training_base_closure' })
export class TrainingBaseClosure {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') consortiumId: string;
  @Column('uuid') baseId: string;
  @Column('date') startsOn: string;
  @Column('date') endsOn: string;
  @Column('text', { default: '' }) reason: string;
}
