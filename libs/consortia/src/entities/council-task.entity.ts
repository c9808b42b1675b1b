import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { TaskStatus } from './council-enums';

/** A follow-up task of a resolution, assigned to a member organization. */
@Entity({ name: 'council_task' })
export class CouncilTask {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  consortiumId: string;

  @Column('uuid')
  resolutionId: string;

  @Column('text')
  title: string;

  @Column('uuid')
  assigneeOrganizationId: string;

  @Column('date')
  dueOn: string;

  @Column('text', { default: 'open' })
  status: TaskStatus;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
