import { BookingPurpose, TrainingBaseFunction, TrainingBaseKind } from '../entities/training-base-enums';
import { OpeningWindow } from '../domain/opening-hours';

const weekdays = (opens: string, closes: string, days = [1, 2, 3, 4, 5]): OpeningWindow[] =>
  days.map((weekday) => ({ weekday, opens, closes }));

/** The demo's three bases (zh-CN first); hosts are picked from the demo members by type. */
export const DEMO_BASES = [
  {
    key: 'public',
    hostType: 'government',
    name: '苏州工业园区公共实训中心（演示）',
    kind: TrainingBaseKind.PublicPracticeCenter,
    functions: [TrainingBaseFunction.PracticalTeaching, TrainingBaseFunction.SocialTraining],
    address: '苏州工业园区星湖街 328 号',
    workstations: 60,
    areas: [
      { name: '工业机器人实训区', workstations: 20 },
      { name: '数控加工实训区', workstations: 24 },
      { name: '电气控制实训区', workstations: 16 },
    ],
    equipment: [
      { name: '六轴工业机器人', model: 'ABB IRB 1200', quantity: 10, valueYuan: '185000.00' },
      { name: '五轴数控加工中心', model: 'DMG MORI DMU 50', quantity: 4, valueYuan: '1680000.00' },
      { name: 'PLC 综合实训台', model: '西门子 S7-1500', quantity: 16, valueYuan: '42000.00' },
    ],
    openingHours: [
      ...weekdays('08:30', '12:00'),
      ...weekdays('13:30', '17:30'),
      { weekday: 6, opens: '09:00', closes: '16:00' },
    ],
    approvalRequired: true,
    bufferMinutes: 15,
    feeMemberPerHour: '15.00',
    feeNonMemberPerHour: '30.00',
    monthlyQuotaHours: null as number | null,
  },
  {
    key: 'school',
    hostType: 'higher_vocational',
    name: '智能制造产教融合实训基地（校中厂，演示）',
    kind: TrainingBaseKind.SchoolEnterprise,
    functions: [TrainingBaseFunction.PracticalTeaching, TrainingBaseFunction.RealProduction],
    address: '苏州工业园区若水路 1 号',
    workstations: 40,
    areas: [],
    equipment: [
      { name: '智能产线实训系统', model: 'FMS-200', quantity: 2, valueYuan: '960000.00' },
      { name: '三坐标测量机', model: '海克斯康 Global S', quantity: 1, valueYuan: '720000.00' },
    ],
    openingHours: weekdays('08:00', '18:00'),
    approvalRequired: false,
    bufferMinutes: 0,
    feeMemberPerHour: '10.00',
    feeNonMemberPerHour: '25.00',
    monthlyQuotaHours: null as number | null,
  },
  {
    key: 'enterprise',
    hostType: 'enterprise',
    name: '企业技术技能实践中心（厂中校，演示）',
    kind: TrainingBaseKind.EnterprisePracticeCenter,
    functions: [
      TrainingBaseFunction.RealProduction,
      TrainingBaseFunction.TechnicalService,
      TrainingBaseFunction.SocialTraining,
    ],
    address: '苏州工业园区金鸡湖大道 99 号',
    workstations: 24,
    areas: [],
    equipment: [{ name: '精密装配工作站', model: 'PA-12', quantity: 12, valueYuan: '58000.00' }],
    openingHours: weekdays('08:30', '17:30', [1, 2, 3, 4, 5, 6]),
    approvalRequired: true,
    bufferMinutes: 30,
    feeMemberPerHour: '20.00',
    feeNonMemberPerHour: '45.00',
    monthlyQuotaHours: 600 as number | null,
  },
];

export const DEMO_PURPOSES: BookingPurpose[] = [
  BookingPurpose.Course,
  BookingPurpose.Training,
  BookingPurpose.Production,
  BookingPurpose.Competition,
  BookingPurpose.Research,
];
