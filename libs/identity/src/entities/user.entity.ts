import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { defineEnumLabels } from '@chanjiao/core';

export enum UserStatus {
  Active = 'active',
  Disabled = 'disabled',
}

export const USER_STATUS_LABELS = defineEnumLabels<UserStatus>('UserStatus', {
  [UserStatus.Active]: { 'zh-CN': '正常', en: 'Active' },
  [UserStatus.Disabled]: { 'zh-CN': '已停用', en: 'Disabled' },
});

/** A platform-wide account; consortia are joined through memberships. */
@Entity({ name: 'app_user' })
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('citext')
  email: string;

  @Column('text')
  displayName: string;

  @Column('text', { nullable: true })
  phone: string | null;

  @Column('text', { select: false })
  passwordHash: string;

  @Column('text', { default: UserStatus.Active })
  status: UserStatus;

  @Column('boolean', { default: false })
  platformAdmin: boolean;

  @Column('boolean', { default: false })
  mustChangePassword: boolean;

  @Column('timestamptz', { default: () => 'now()' })
  passwordChangedAt: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
