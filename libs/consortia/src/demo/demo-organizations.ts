import { CREDIT_CODE_CHARSET, creditCodeCheckCharacter } from '../domain/credit-code';
import { MembershipStatus } from '../entities/membership-status';
import { OrganizationSize, OrganizationType } from '../entities/organization-type';

/** Fixed ids the demo's other parts refer to (the demo HR user belongs to the first enterprise). */
export const DEMO_GOVERNMENT_ORGANIZATION_ID = '00000000-0000-4000-8000-0000000e0000';
export const DEMO_ENTERPRISE_ORGANIZATION_ID = '00000000-0000-4000-8000-0000000e0001';
export const DEMO_SCHOOL_ORGANIZATION_ID = '00000000-0000-4000-8000-0000000e0002';

/** A valid-format (fictional) credit code for the n-th demo enterprise in Suzhou Industrial Park (320594). */
export function demoCreditCode(n: number): string {
  let value = 104729 + n * 7919;
  let suffix = '';
  for (let i = 0; i < 6; i += 1) {
    suffix = CREDIT_CODE_CHARSET[value % 31] + suffix;
    value = Math.floor(value / 31);
  }
  const body = `91320594MA1${suffix}`;
  return body + creditCodeCheckCharacter(body);
}

interface DemoOrganization {
  id?: string;
  type: OrganizationType;
  name: string;
  nameEn: string;
  district: string;
  industryCode?: string;
  industryName?: string;
  size?: OrganizationSize;
  leadingEnterprise?: boolean;
  certifiedIntegrationEnterprise?: boolean;
  doubleHighSchool?: boolean;
  status?: MembershipStatus;
  contact: { name: string; title: string; phone: string };
}

const E = OrganizationType.Enterprise;
/** The demo park's members: fictional names, every organization type represented. */
const MEMBERS: DemoOrganization[] = [
  {
    id: DEMO_GOVERNMENT_ORGANIZATION_ID,
    type: OrganizationType.Government,
    name: '苏州工业园区管理委员会（演示）',
    nameEn: 'Suzhou Industrial Park Administrative Committee (demo)',
    district: '工业园区',
    contact: { name: '陈主任', title: '科技和信息化局', phone: '0512-66680000' },
  },
  {
    type: OrganizationType.Government,
    name: '苏州市教育局（演示）',
    nameEn: 'Suzhou Municipal Education Bureau (demo)',
    district: '姑苏区',
    contact: { name: '周处长', title: '职业教育处', phone: '0512-68010000' },
  },
  {
    id: DEMO_ENTERPRISE_ORGANIZATION_ID,
    type: E,
    name: '苏州智造精密机械有限公司',
    nameEn: 'Suzhou Zhizao Precision Machinery Co., Ltd.',
    district: '工业园区',
    industryCode: 'C3421',
    industryName: '金属切削机床制造',
    size: OrganizationSize.Large,
    leadingEnterprise: true,
    certifiedIntegrationEnterprise: true,
    contact: { name: '张经理', title: '人力资源部经理', phone: '0512-62880001' },
  },
  {
    type: E,
    name: '苏州汇芯半导体有限公司',
    nameEn: 'Suzhou Huixin Semiconductor Co., Ltd.',
    district: '工业园区',
    industryCode: 'C3973',
    industryName: '集成电路制造',
    size: OrganizationSize.Large,
    leadingEnterprise: true,
    contact: { name: '李总监', title: '人才发展部', phone: '0512-62880002' },
  },
  {
    type: E,
    name: '苏州博睿机器人科技有限公司',
    nameEn: 'Suzhou Borui Robotics Technology Co., Ltd.',
    district: '工业园区',
    industryCode: 'C3491',
    industryName: '工业机器人制造',
    size: OrganizationSize.Medium,
    leadingEnterprise: true,
    certifiedIntegrationEnterprise: true,
    contact: { name: '王工', title: '技术培训中心', phone: '0512-62880003' },
  },
  {
    type: E,
    name: '苏州康源生物医药有限公司',
    nameEn: 'Suzhou Kangyuan Biopharma Co., Ltd.',
    district: '工业园区',
    industryCode: 'C2710',
    industryName: '化学药品原料药制造',
    size: OrganizationSize.Medium,
    contact: { name: '赵经理', title: '人力资源部', phone: '0512-62880004' },
  },
  {
    type: E,
    name: '苏州云帆软件有限公司',
    nameEn: 'Suzhou Yunfan Software Co., Ltd.',
    district: '工业园区',
    industryCode: 'I6513',
    industryName: '应用软件开发',
    size: OrganizationSize.Small,
    contact: { name: '孙经理', title: '招聘主管', phone: '0512-62880005' },
  },
  {
    type: E,
    name: '苏州精测光电科技有限公司',
    nameEn: 'Suzhou Jingce Optoelectronics Co., Ltd.',
    district: '吴中区',
    industryCode: 'C4014',
    industryName: '实验分析仪器制造',
    size: OrganizationSize.Medium,
    contact: { name: '钱经理', title: '综合管理部', phone: '0512-62880006' },
  },
  {
    type: E,
    name: '苏州新能动力电池有限公司',
    nameEn: 'Suzhou Xinneng Power Battery Co., Ltd.',
    district: '相城区',
    industryCode: 'C3841',
    industryName: '锂离子电池制造',
    size: OrganizationSize.Large,
    certifiedIntegrationEnterprise: true,
    contact: { name: '吴经理', title: '人力资源部', phone: '0512-62880007' },
  },
  {
    type: E,
    name: '苏州恒力自动化设备有限公司',
    nameEn: 'Suzhou Hengli Automation Equipment Co., Ltd.',
    district: '工业园区',
    industryCode: 'C3499',
    industryName: '其他未列明通用设备制造业',
    size: OrganizationSize.Small,
    contact: { name: '郑经理', title: '生产部', phone: '0512-62880008' },
  },
  {
    type: E,
    name: '苏州数联智能制造服务有限公司',
    nameEn: 'Suzhou Shulian Smart Manufacturing Services Co., Ltd.',
    district: '工业园区',
    industryCode: 'I6531',
    industryName: '信息系统集成服务',
    size: OrganizationSize.Small,
    contact: { name: '冯经理', title: '项目部', phone: '0512-62880009' },
  },
  {
    type: E,
    name: '苏州华测检测技术有限公司',
    nameEn: 'Suzhou Huace Testing Technology Co., Ltd.',
    district: '高新区',
    industryCode: 'M7452',
    industryName: '检测服务',
    size: OrganizationSize.Medium,
    contact: { name: '陈经理', title: '质量部', phone: '0512-62880010' },
  },
  {
    type: E,
    name: '苏州泰格汽车零部件有限公司',
    nameEn: 'Suzhou Taige Auto Parts Co., Ltd.',
    district: '吴江区',
    industryCode: 'C3670',
    industryName: '汽车零部件及配件制造',
    size: OrganizationSize.Large,
    contact: { name: '褚经理', title: '人力资源部', phone: '0512-62880011' },
  },
  {
    type: E,
    name: '苏州微纳传感器有限公司',
    nameEn: 'Suzhou Weina Sensors Co., Ltd.',
    district: '工业园区',
    industryCode: 'C3983',
    industryName: '敏感元件及传感器制造',
    size: OrganizationSize.Micro,
    status: MembershipStatus.Applied,
    contact: { name: '卫经理', title: '创始人', phone: '0512-62880012' },
  },
  {
    type: E,
    name: '苏州启航物流科技有限公司',
    nameEn: 'Suzhou Qihang Logistics Technology Co., Ltd.',
    district: '相城区',
    industryCode: 'G5990',
    industryName: '其他仓储业',
    size: OrganizationSize.Small,
    status: MembershipStatus.Suspended,
    contact: { name: '蒋经理', title: '运营部', phone: '0512-62880013' },
  },
  {
    type: E,
    name: '苏州合创模具有限公司',
    nameEn: 'Suzhou Hechuang Mould Co., Ltd.',
    district: '昆山市',
    industryCode: 'C3525',
    industryName: '模具制造',
    size: OrganizationSize.Small,
    status: MembershipStatus.Applied,
    contact: { name: '沈经理', title: '技术部', phone: '0512-62880014' },
  },
  {
    type: OrganizationType.SecondaryVocational,
    name: '苏州工业园区工业技术学校（演示）',
    nameEn: 'SIP Industrial Technology School (demo)',
    district: '工业园区',
    contact: { name: '韩校长', title: '校长', phone: '0512-62890001' },
  },
  {
    type: OrganizationType.SecondaryVocational,
    name: '苏州市电子信息中等专业学校（演示）',
    nameEn: 'Suzhou Electronic Information Secondary School (demo)',
    district: '姑苏区',
    contact: { name: '杨主任', title: '教务处', phone: '0512-62890002' },
  },
  {
    type: OrganizationType.SecondaryVocational,
    name: '苏州吴中中等专业学校（演示）',
    nameEn: 'Wuzhong Secondary Vocational School (demo)',
    district: '吴中区',
    contact: { name: '朱主任', title: '招生就业处', phone: '0512-62890003' },
  },
  {
    id: DEMO_SCHOOL_ORGANIZATION_ID,
    type: OrganizationType.HigherVocational,
    name: '苏州工业园区职业技术学院（演示）',
    nameEn: 'SIP Institute of Technology (demo)',
    district: '工业园区',
    doubleHighSchool: true,
    contact: { name: '秦院长', title: '副院长', phone: '0512-62890004' },
  },
  {
    type: OrganizationType.HigherVocational,
    name: '苏州信息职业技术学院（演示）',
    nameEn: 'Suzhou Information Polytechnic (demo)',
    district: '吴中区',
    doubleHighSchool: true,
    contact: { name: '尤主任', title: '校企合作处', phone: '0512-62890005' },
  },
  {
    type: OrganizationType.HigherVocational,
    name: '苏州健康职业技术学院（演示）',
    nameEn: 'Suzhou Health Polytechnic (demo)',
    district: '高新区',
    contact: { name: '许主任', title: '教务处', phone: '0512-62890006' },
  },
  {
    type: OrganizationType.HigherVocational,
    name: '苏州交通职业技术学院（演示）',
    nameEn: 'Suzhou Transport Polytechnic (demo)',
    district: '相城区',
    contact: { name: '何主任', title: '就业指导中心', phone: '0512-62890007' },
  },
  {
    type: OrganizationType.VocationalBachelor,
    name: '苏州职业技术大学（演示）',
    nameEn: 'Suzhou Vocational University of Technology (demo)',
    district: '高新区',
    contact: { name: '吕处长', title: '产教融合处', phone: '0512-62890008' },
  },
  {
    type: OrganizationType.GeneralBachelor,
    name: '苏州科技学院（演示）',
    nameEn: 'Suzhou Institute of Science and Technology (demo)',
    district: '高新区',
    contact: { name: '施处长', title: '科研处', phone: '0512-62890009' },
  },
  {
    type: OrganizationType.GeneralBachelor,
    name: '苏州理工学院（演示）',
    nameEn: 'Suzhou Institute of Engineering (demo)',
    district: '工业园区',
    contact: { name: '张处长', title: '合作发展处', phone: '0512-62890010' },
  },
  {
    type: OrganizationType.TechnicianCollege,
    name: '苏州高级技工学校（演示）',
    nameEn: 'Suzhou Senior Technician College (demo)',
    district: '姑苏区',
    contact: { name: '孔主任', title: '培训中心', phone: '0512-62890011' },
  },
  {
    type: OrganizationType.ResearchInstitute,
    name: '苏州智能制造产业技术研究院（演示）',
    nameEn: 'Suzhou Intelligent Manufacturing Research Institute (demo)',
    district: '工业园区',
    contact: { name: '曹研究员', title: '成果转化部', phone: '0512-62900001' },
  },
  {
    type: OrganizationType.ResearchInstitute,
    name: '苏州纳米技术研究所（演示）',
    nameEn: 'Suzhou Institute of Nanotechnology (demo)',
    district: '工业园区',
    contact: { name: '严研究员', title: '技术服务部', phone: '0512-62900002' },
  },
  {
    type: OrganizationType.IndustryAssociation,
    name: '苏州市机器人产业协会（演示）',
    nameEn: 'Suzhou Robotics Industry Association (demo)',
    district: '工业园区',
    contact: { name: '华秘书长', title: '秘书长', phone: '0512-62900003' },
  },
  {
    type: OrganizationType.Other,
    name: '苏州工业园区人力资源服务中心（演示）',
    nameEn: 'SIP Human Resources Service Centre (demo)',
    district: '工业园区',
    status: MembershipStatus.Applied,
    contact: { name: '金主任', title: '主任', phone: '0512-62900004' },
  },
];

/** The demo members with credit codes for the enterprises and a membership status each. */
export const DEMO_ORGANIZATIONS = MEMBERS.map((member, index) => ({
  ...member,
  creditCode: member.type === E ? demoCreditCode(index) : null,
  status: member.status ?? MembershipStatus.Active,
}));

export const DEMO_PARK = {
  parkName: '苏州工业园区',
  parkOutputValue: '6200.00',
  parkProvinceRank: 1,
  leadingIndustries: [
    { code: 'C39', name: '计算机、通信和其他电子设备制造业' },
    { code: 'C34', name: '通用设备制造业' },
    { code: 'C27', name: '医药制造业' },
    { code: 'I65', name: '软件和信息技术服务业' },
  ],
  leadGovernmentOrgId: DEMO_GOVERNMENT_ORGANIZATION_ID,
  leadSchoolOrgId: DEMO_SCHOOL_ORGANIZATION_ID,
  leadEnterpriseOrgId: DEMO_ENTERPRISE_ORGANIZATION_ID,
};

/** The path the demo consortium took to `under_construction`. */
export const DEMO_STATUS_HISTORY = [
  { from: 'planning', to: 'applied', on: '2025-03-10', note: '向省教育厅提交建设申报书' },
  { from: 'applied', to: 'provincially_recommended', on: '2025-05-20', note: '省教育厅推荐至教育部' },
  {
    from: 'provincially_recommended',
    to: 'cultivation_list',
    on: '2025-09-01',
    note: '列入第二批市域产教联合体培育名单',
  },
  { from: 'cultivation_list', to: 'under_construction', on: '2025-10-15', note: '建设方案经理事会审议通过，启动建设' },
];
