import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { defineEnumLabels } from '@chanjiao/core';

export enum CooperationKind {
  OrderClass = 'order_class',
  Apprenticeship = 'apprenticeship',
  Internship = 'internship',
  Recruitment = 'recruitment',
}

export const COOPERATION_KIND_LABELS = defineEnumLabels<CooperationKind>('CooperationKind', {
  [CooperationKind.OrderClass]: { 'zh-CN': '订单班', en: 'Order class' },
  [CooperationKind.Apprenticeship]: { 'zh-CN': '现代学徒制', en: 'Apprenticeship' },
  [CooperationKind.Internship]: { 'zh-CN': '实习', en: 'Internship' },
  [CooperationKind.Recruitment]: { 'zh-CN': '招聘', en: 'Recruitment' },
});

export enum CooperationStatus {
  Proposed = 'proposed',
  Active = 'active',
  Completed = 'completed',
  Declined = 'declined',
  Cancelled = 'cancelled',
}

export const COOPERATION_STATUS_LABELS = defineEnumLabels<CooperationStatus>('CooperationStatus', {
  [CooperationStatus.Proposed]: { 'zh-CN': '待确认', en: 'Proposed' },
  [CooperationStatus.Active]: { 'zh-CN': '进行中', en: 'Active' },
  [CooperationStatus.Completed]: { 'zh-CN': '已完成', en: 'Completed' },
  [CooperationStatus.Declined]: { 'zh-CN': '已拒绝', en: 'Declined' },
  [CooperationStatus.Cancelled]: { 'zh-CN': '已取消', en: 'Cancelled' },
});

export type CooperationSide = 'enterprise' | 'school';

/** A cooperation agreement (订单班, 学徒制, 实习, 招聘) between a posting's enterprise and an offering's school. */
@Entity({ name: 'cooperations' })
export class Cooperation {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') consortiumId: string;
  @Column('uuid') postingId: string;
  @Column('uuid') offeringId: string;
  @Column('uuid') enterpriseId: string;
  @Column('uuid') schoolId: string;
  @Column('text') kind: CooperationKind;
  @Column('integer') headcount: number;
  /** The year whose graduates the cooperation commits (the start date's year). */
  @Column('integer') cohortYear: number;
  @Column('date') startDate: string;
  @Column('date', { nullable: true }) endDate: string | null;
  @Column('text', { default: CooperationStatus.Proposed }) status: CooperationStatus;
  @Column('text') proposedBySide: CooperationSide;
  @Column('uuid', { nullable: true }) proposedBy: string | null;
  @Column('uuid', { nullable: true }) decidedBy: string | null;
  @Column('timestamptz', { nullable: true }) decidedAt: Date | null;
  @Column('text', { nullable: true }) note: string | null;
  @Column('text', { nullable: true }) reason: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
