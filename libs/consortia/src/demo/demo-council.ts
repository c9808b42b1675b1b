/** The demo council: government, school, enterprise, research and association seats (fictional people). */
export const DEMO_COUNCIL_SEATS = [
  { organization: '苏州工业园区管理委员会（演示）', personName: '陈建国', personTitle: '管委会副主任', role: 'chair' },
  { organization: '苏州工业园区职业技术学院（演示）', personName: '秦文华', personTitle: '院长', role: 'vice_chair' },
  { organization: '苏州智造精密机械有限公司', personName: '张海峰', personTitle: '董事长', role: 'vice_chair' },
  {
    organization: '苏州市教育局（演示）',
    personName: '周敏',
    personTitle: '职业教育处处长',
    role: 'secretary_general',
  },
  { organization: '苏州汇芯半导体有限公司', personName: '李晓东', personTitle: '副总裁', role: 'director' },
  { organization: '苏州博睿机器人科技有限公司', personName: '王磊', personTitle: '总经理', role: 'director' },
  { organization: '苏州职业技术大学（演示）', personName: '吕红', personTitle: '副校长', role: 'director' },
  { organization: '苏州智能制造产业技术研究院（演示）', personName: '曹志远', personTitle: '院长', role: 'director' },
  { organization: '苏州市机器人产业协会（演示）', personName: '华明', personTitle: '秘书长', role: 'supervisor' },
] as const;

export const DEMO_MEETING = {
  kind: 'plenary' as const,
  title: '第一届理事会第二次全体会议',
  scheduledAt: '2025-12-18T09:30:00+08:00',
  place: '苏州工业园区管委会第一会议室',
  agenda: ['审议联合体2026年度工作计划', '审议工业机器人产教融合实训基地共建方案', '审议新成员单位入会申请'],
};

export const DEMO_RESOLUTIONS = [
  {
    title: '关于通过联合体2026年度工作计划的决议',
    text: '会议审议并通过联合体2026年度工作计划。',
    kind: 'ordinary' as const,
  },
  {
    title: '关于修订联合体章程第十二条的决议',
    text: '将理事会普通决议表决规则调整为出席理事过半数同意。',
    kind: 'special' as const,
  },
];
