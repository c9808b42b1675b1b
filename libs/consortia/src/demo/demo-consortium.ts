import { ConsortiumStatus } from '../entities/consortium-status';

/** Fixed id, so seeding is an idempotent upsert even under row-level security. */
export const DEMO_CONSORTIUM_ID = '00000000-0000-4000-8000-00000000c0de';

export const DEMO_CONSORTIUM = {
  id: DEMO_CONSORTIUM_ID,
  code: 'DEMO-SZ-ROBOTICS',
  name: '苏州工业园区智能制造市域产教联合体（演示）',
  nameEn: 'Suzhou Industrial Park Intelligent Manufacturing Consortium (demo)',
  province: '江苏省',
  city: '苏州市',
  status: ConsortiumStatus.UnderConstruction,
} as const;
