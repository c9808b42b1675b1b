import { ConsortiumRole } from '@chanjiao/core';

/** Member organization the demo HR user belongs to (the organizations capability seeds it with this id). */
export const DEMO_ENTERPRISE_ORGANIZATION_ID = '00000000-0000-4000-8000-0000000e0001';

export const DEMO_USERS = [
  { email: 'secretariat@demo.chanjiao.cn', displayName: '王秘书（秘书处）', role: ConsortiumRole.Secretariat, organizationId: null },
  { email: 'hr@demo.chanjiao.cn', displayName: '张经理（企业人力资源）', role: ConsortiumRole.Member, organizationId: DEMO_ENTERPRISE_ORGANIZATION_ID },
  { email: 'observer@demo.chanjiao.cn', displayName: '刘理事（观察员）', role: ConsortiumRole.Observer, organizationId: null },
] as const;
