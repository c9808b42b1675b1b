import { DEMO_ENTERPRISE_ORGANIZATION_ID } from '@chanjiao/consortia';
import { FundingSource, TrainingType } from '../entities/training-enums';

/** The school provider of the demo plan (苏州工业园区职业技术学院（演示）). */
export const DEMO_SCHOOL_PROVIDER_ID = '00000000-0000-4000-8000-0000000e0002';
export { DEMO_ENTERPRISE_ORGANIZATION_ID };

export const DEMO_ITEMS = [
  {
    title: '工业机器人系统运维岗前培训班',
    type: TrainingType.PreJob,
    providerOrganizationId: DEMO_SCHOOL_PROVIDER_ID,
    targetOrganizationIds: [DEMO_ENTERPRISE_ORGANIZATION_ID],
    plannedSessions: 4,
    plannedParticipantTimes: 120,
    plannedHours: 64,
    budget: '60000.00',
    fundingSource: FundingSource.Fiscal,
    description: '面向新入职员工，依托学院工业机器人实训中心开展。',
  },
  {
    title: '数控设备操作岗位技能提升培训',
    type: TrainingType.OnJob,
    providerOrganizationId: DEMO_ENTERPRISE_ORGANIZATION_ID,
    targetOrganizationIds: [DEMO_ENTERPRISE_ORGANIZATION_ID],
    plannedSessions: 6,
    plannedParticipantTimes: 180,
    plannedHours: 48,
    budget: '36000.00',
    fundingSource: FundingSource.Enterprise,
    description: '企业内训师授课，结合产线设备实操。',
  },
  {
    title: '智能制造新技术继续教育专题讲座',
    type: TrainingType.ContinuingEducation,
    providerOrganizationId: DEMO_SCHOOL_PROVIDER_ID,
    targetOrganizationIds: [DEMO_ENTERPRISE_ORGANIZATION_ID],
    openToPublic: true,
    plannedSessions: 3,
    plannedParticipantTimes: 150,
    plannedHours: 18,
    budget: '15000.00',
    fundingSource: FundingSource.Mixed,
    description: null,
  },
  {
    title: '职业院校“双师型”教师企业实践',
    type: TrainingType.Teacher,
    providerOrganizationId: DEMO_ENTERPRISE_ORGANIZATION_ID,
    targetOrganizationIds: [DEMO_SCHOOL_PROVIDER_ID],
    plannedSessions: 2,
    plannedParticipantTimes: 30,
    plannedHours: 80,
    budget: '20000.00',
    fundingSource: FundingSource.School,
    description: '学院专业教师到企业顶岗实践。',
  },
] as const;

/** Sessions: which item, how many days before today, hours, participants, funds (yuan). */
export const DEMO_SESSIONS = [
  { item: 0, daysAgo: 100, hours: 16, participants: 30, funds: '15000.00', roster: true },
  { item: 1, daysAgo: 90, hours: 8, participants: 28, funds: '6000.00', roster: false },
  { item: 2, daysAgo: 75, hours: 6, participants: 52, funds: '5000.00', roster: false },
  { item: 0, daysAgo: 60, hours: 16, participants: 32, funds: '15000.00', roster: true },
  { item: 1, daysAgo: 45, hours: 8, participants: 30, funds: '6000.00', roster: false },
  { item: 3, daysAgo: 30, hours: 8, participants: 12, funds: '10000.00', roster: false },
  { item: 1, daysAgo: 14, hours: 8, participants: 29, funds: '6000.00', roster: false },
  { item: 2, daysAgo: 3, hours: 6, participants: 47, funds: '5000.00', roster: false },
] as const;

export const DEMO_NEEDS = [
  {
    topic: '工业机器人系统运维新员工岗前培训',
    type: TrainingType.PreJob,
    occupationCode: '6-31-07-03',
    skills: '工业机器人示教编程、日常维护保养、安全操作规范',
    trainees: 60,
    budget: '30000.00',
    decision: 'accepted' as const,
    item: 0,
  },
  {
    topic: '质量管理体系内审员培训',
    type: TrainingType.OnJob,
    occupationCode: null,
    skills: 'ISO 9001 内审、过程审核',
    trainees: 15,
    budget: null,
    decision: 'declined' as const,
    reason: '本年度规划未设质量管理类项目，建议由行业协会年度培训承接。',
  },
  {
    topic: '车间班组长管理能力提升',
    type: TrainingType.ContinuingEducation,
    occupationCode: null,
    skills: '生产现场管理、精益生产基础',
    trainees: 20,
    budget: '8000.00',
    decision: null,
  },
];
