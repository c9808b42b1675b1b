import { EducationLevel, EmploymentType, PostingStatus, WeightedSkill } from '../entities/talent-enums';

/** One kind of demand the demo park's enterprises post; codes only where an HR officer would know them. */
export interface DemoDemandTemplate {
  title: string;
  description: string;
  occupationCode?: string;
  programmeCodes?: string[];
  programmeClassCodes?: string[];
  minLevel?: EducationLevel;
  requiredSkills: WeightedSkill[];
  preferredSkills?: WeightedSkill[];
  certificates?: string[];
  employmentType: EmploymentType;
  salary?: [number, number];
}

const s = (skill: string, weight = 3): WeightedSkill => ({ skill, weight });

export const DEMO_DEMAND_TEMPLATES: DemoDemandTemplate[] = [
  {
    title: '工业机器人运维工程师',
    description: '负责焊接与搬运机器人工作站的日常点检、故障排除和示教程序优化。',
    occupationCode: '6-31-07-03',
    programmeCodes: ['460305'],
    minLevel: EducationLevel.HigherVocational,
    requiredSkills: [s('工业机器人操作', 5), s('PLC编程', 4)],
    preferredSkills: [s('视觉检测', 2)],
    certificates: ['工业机器人操作与运维职业技能等级证书（中级）'],
    employmentType: EmploymentType.FullTime,
    salary: [7000, 10000],
  },
  {
    title: '自动化控制工程师',
    description: '参与产线自动化改造项目，完成电气设计、PLC 与上位机调试。',
    occupationCode: '2-02-07-07',
    programmeClassCodes: ['4603'],
    minLevel: EducationLevel.VocationalBachelor,
    requiredSkills: [s('PLC编程', 5), s('电气制图', 4)],
    preferredSkills: [s('组态软件', 3)],
    employmentType: EmploymentType.FullTime,
    salary: [9000, 14000],
  },
  {
    title: '机电设备维修技术员',
    description: '负责车间数控设备、空压机等机电设备的维护保养与故障维修。',
    programmeCodes: ['460301'],
    minLevel: EducationLevel.HigherVocational,
    requiredSkills: [s('机电设备维修', 5), s('电工', 4)],
    certificates: ['电工职业资格证书'],
    employmentType: EmploymentType.FullTime,
    salary: [6000, 8500],
  },
  {
    title: '工业机器人订单班学员',
    description: '与合作院校共建订单班，学员毕业后进入本公司机器人集成事业部。',
    programmeCodes: ['460305', '660303'],
    requiredSkills: [s('工业机器人操作', 4)],
    employmentType: EmploymentType.OrderClass,
    salary: [5000, 6500],
  },
  {
    title: 'MES 实施工程师',
    description: '负责制造执行系统在客户现场的实施、数据对接与培训。',
    programmeCodes: ['510201'],
    minLevel: EducationLevel.HigherVocational,
    requiredSkills: [s('SQL', 4), s('Java', 3)],
    preferredSkills: [s('MES', 4)],
    employmentType: EmploymentType.FullTime,
    salary: [8000, 12000],
  },
  {
    title: '设备操作实习生',
    description: '在导师带领下学习自动化产线操作与 5S 现场管理，表现优秀者可留用。',
    requiredSkills: [s('安全生产', 3), s('5S管理', 2)],
    employmentType: EmploymentType.Internship,
    salary: [3000, 3500],
  },
  {
    title: '品质检验员',
    description: '按检验规范完成来料、过程与成品检验，记录并分析质量数据。',
    requiredSkills: [s('质量检验', 4), s('Excel', 3)],
    preferredSkills: [s('三坐标测量', 3)],
    employmentType: EmploymentType.FullTime,
    salary: [5000, 6500],
  },
  {
    title: '现代学徒制学徒（智能制造方向）',
    description: '企业师傅与学校教师双导师培养，轮岗数控加工、装配与调试岗位。',
    programmeClassCodes: ['4603'],
    requiredSkills: [s('数控加工', 4), s('机械装配', 3)],
    employmentType: EmploymentType.Apprenticeship,
    salary: [4000, 5000],
  },
  {
    title: '软件测试工程师',
    description: '编写测试用例并执行功能、接口测试，跟踪缺陷闭环。',
    programmeCodes: ['510201'],
    requiredSkills: [s('软件测试', 5), s('Python', 3)],
    employmentType: EmploymentType.FullTime,
    salary: [7000, 10000],
  },
  {
    title: '仓储物流专员',
    description: '负责仓库收发存管理和 WMS 系统操作，优化库位与拣货路径。',
    requiredSkills: [s('仓储管理', 4), s('叉车操作', 2)],
    employmentType: EmploymentType.FullTime,
  },
];

/** The statuses of the demo's ~60 postings, in turn (every state represented, most published). */
export const DEMO_STATUS_CYCLE: PostingStatus[] = [
  PostingStatus.Published,
  PostingStatus.Published,
  PostingStatus.Draft,
  PostingStatus.Published,
  PostingStatus.Filled,
  PostingStatus.Published,
  PostingStatus.Expired,
  PostingStatus.Closed,
  PostingStatus.Published,
  PostingStatus.Draft,
];

export const DEMO_DISTRICTS = ['工业园区', '吴中区', '相城区', '高新区'];
