import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { ConsortiumRole } from '@chanjiao/core';
import { User, UserStatus } from './user.entity';

/** A user's role in one consortium (a tenant row). `member` users are bound to one organization. */
@Entity({ name: 'consortium_membership' })
export class Membership {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  consortiumId: string;

  @Column('uuid')
  userId: string;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column('text')
  role: ConsortiumRole;

  @Column('uuid', { nullable: true })
  organizationId: string | null;

  @Column('text', { default: UserStatus.Active })
  status: UserStatus;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
