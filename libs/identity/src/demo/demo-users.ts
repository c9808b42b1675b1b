import { ConsortiumRole } from '@chanjiao/core';
import { DEMO_ENTERPRISE_ORGANIZATION_ID } from '@chanjiao/consortia';

export const DEMO_USERS = [
  {
    email: 'secretariat@demo.chanjiao.cn',
    displayName: '王秘书（秘书处）',
    role: ConsortiumRole.Secretariat,
    organizationId: null,
  },
  {
    email: 'hr@demo.chanjiao.cn',
    displayName: '张经理（企业人力资源）',
    role: ConsortiumRole.Member,
    organizationId: DEMO_ENTERPRISE_ORGANIZATION_ID,
  },
  {
    email: 'observer@demo.chanjiao.cn',
    displayName: '刘理事（观察员）',
    role: ConsortiumRole.Observer,
    organizationId: null,
  },
] as const;
