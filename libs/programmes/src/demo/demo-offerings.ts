import { OfferingStatus, TrainingMode } from '../entities/programme-enums';

/**
 * The demo consortium's programme offerings, by school and partner names (the demo
 * organizations). Graduates are given relative to the current year (`0` = this year),
 * so the demo always expects graduates this year and next.
 */
export interface DemoOffering {
  school: string;
  programmeCode: string;
  startYear: number;
  status?: OfferingStatus;
  enrolmentPlan: number;
  studentsEnrolled: number;
  /** [years from now, count] */
  graduates: Array<[number, number]>;
  skills: string[];
  certificates: string[];
  trainingModes: TrainingMode[];
  partnerEnterprises: string[];
  partnerSchools?: string[];
  contactName: string;
}

const { OrderClass, Apprenticeship, Internship, Pathway } = TrainingMode;
const INDUSTRIAL_SCHOOL = '苏州工业园区工业技术学校（演示）';
const ELECTRONICS_SCHOOL = '苏州市电子信息中等专业学校（演示）';
const WUZHONG_SCHOOL = '苏州吴中中等专业学校（演示）';
const PARK_COLLEGE = '苏州工业园区职业技术学院（演示）';
const INFO_COLLEGE = '苏州信息职业技术学院（演示）';
const HEALTH_COLLEGE = '苏州健康职业技术学院（演示）';
const TRANSPORT_COLLEGE = '苏州交通职业技术学院（演示）';
const UNIVERSITY = '苏州职业技术大学（演示）';
const TECH_INSTITUTE = '苏州科技学院（演示）';
const TECHNICIAN_SCHOOL = '苏州高级技工学校（演示）';
const ROBOTICS = '苏州博睿机器人科技有限公司';
const PRECISION = '苏州智造精密机械有限公司';
const SOFTWARE = '苏州云帆软件有限公司';
const AUTOMATION = '苏州恒力自动化设备有限公司';
const BATTERY = '苏州新能动力电池有限公司';
const AUTO_PARTS = '苏州泰格汽车零部件有限公司';
const SERVICES = '苏州数联智能制造服务有限公司';
const BIOMED = '苏州康源生物医药有限公司';
const LOGISTICS = '苏州启航物流科技有限公司';
const SEMICONDUCTOR = '苏州汇芯半导体有限公司';

const ROBOT_CERT = '工业机器人操作与运维职业技能等级证书（1+X）';
const PLC_CERT = '可编程控制器系统应用编程职业技能等级证书（1+X）';
const ELECTRICIAN = '电工（四级/中级工）';

export const DEMO_OFFERINGS: readonly DemoOffering[] = [
  {
    school: INDUSTRIAL_SCHOOL,
    programmeCode: '660303',
    startYear: 2017,
    enrolmentPlan: 80,
    studentsEnrolled: 236,
    graduates: [
      [0, 76],
      [1, 80],
    ],
    skills: ['工业机器人操作', '示教编程', 'PLC', '电气识图'],
    certificates: [ROBOT_CERT, ELECTRICIAN],
    trainingModes: [OrderClass, Internship, Pathway],
    partnerEnterprises: [ROBOTICS, AUTOMATION],
    partnerSchools: [PARK_COLLEGE],
    contactName: '韩老师',
  },
  {
    school: INDUSTRIAL_SCHOOL,
    programmeCode: '660301',
    startYear: 2009,
    enrolmentPlan: 120,
    studentsEnrolled: 352,
    graduates: [
      [0, 110],
      [1, 118],
    ],
    skills: ['机电设备装调', 'PLC', '钳工', '电气识图'],
    certificates: [ELECTRICIAN],
    trainingModes: [Internship, Pathway],
    partnerEnterprises: [PRECISION],
    partnerSchools: [PARK_COLLEGE],
    contactName: '韩老师',
  },
  {
    school: INDUSTRIAL_SCHOOL,
    programmeCode: '660201',
    startYear: 2021,
    enrolmentPlan: 40,
    studentsEnrolled: 118,
    graduates: [
      [0, 36],
      [1, 40],
    ],
    skills: ['智能设备维护', '传感器应用'],
    certificates: [],
    trainingModes: [Apprenticeship],
    partnerEnterprises: [SERVICES],
    contactName: '韩老师',
  },
  {
    school: ELECTRONICS_SCHOOL,
    programmeCode: '710201',
    startYear: 2005,
    enrolmentPlan: 150,
    studentsEnrolled: 430,
    graduates: [
      [0, 140],
      [1, 146],
    ],
    skills: ['办公软件', '网页制作', 'Python', '计算机组装与维护'],
    certificates: ['Web 前端开发职业技能等级证书（1+X）'],
    trainingModes: [Internship],
    partnerEnterprises: [SOFTWARE],
    contactName: '杨老师',
  },
  {
    school: ELECTRONICS_SCHOOL,
    programmeCode: '710204',
    startYear: 2016,
    enrolmentPlan: 60,
    studentsEnrolled: 171,
    graduates: [
      [0, 55],
      [1, 58],
    ],
    skills: ['Photoshop', '短视频剪辑', '三维建模'],
    certificates: [],
    trainingModes: [OrderClass],
    partnerEnterprises: [SOFTWARE],
    contactName: '杨老师',
  },
  {
    school: WUZHONG_SCHOOL,
    programmeCode: '660702',
    startYear: 2020,
    enrolmentPlan: 80,
    studentsEnrolled: 215,
    graduates: [
      [0, 64],
      [1, 72],
    ],
    skills: ['动力电池检测', '高压安全', '汽车电气'],
    certificates: ['新能源汽车动力驱动电机及控制系统检测与维修职业技能等级证书（1+X）'],
    trainingModes: [OrderClass, Internship],
    partnerEnterprises: [BATTERY, AUTO_PARTS],
    contactName: '朱老师',
  },
  {
    school: WUZHONG_SCHOOL,
    programmeCode: '660302',
    startYear: 2012,
    status: OfferingStatus.Upgrading,
    enrolmentPlan: 40,
    studentsEnrolled: 104,
    graduates: [
      [0, 38],
      [1, 30],
    ],
    skills: ['低压电器', 'PLC', '变频器'],
    certificates: [ELECTRICIAN],
    trainingModes: [Internship],
    partnerEnterprises: [AUTOMATION],
    contactName: '朱老师',
  },
  {
    school: PARK_COLLEGE,
    programmeCode: '460305',
    startYear: 2014,
    enrolmentPlan: 160,
    studentsEnrolled: 480,
    graduates: [
      [0, 150],
      [1, 158],
    ],
    skills: ['工业机器人编程', 'PLC', '机器视觉', 'ROS'],
    certificates: [ROBOT_CERT, PLC_CERT],
    trainingModes: [OrderClass, Apprenticeship, Internship, Pathway],
    partnerEnterprises: [ROBOTICS, AUTOMATION, SERVICES],
    partnerSchools: [INDUSTRIAL_SCHOOL, UNIVERSITY],
    contactName: '秦老师',
  },
  {
    school: PARK_COLLEGE,
    programmeCode: '460301',
    startYear: 2003,
    enrolmentPlan: 200,
    studentsEnrolled: 590,
    graduates: [
      [0, 190],
      [1, 196],
    ],
    skills: ['机电一体化', 'PLC', '液压与气动', 'CAD'],
    certificates: [PLC_CERT],
    trainingModes: [Apprenticeship, Internship, Pathway],
    partnerEnterprises: [PRECISION],
    partnerSchools: [INDUSTRIAL_SCHOOL],
    contactName: '秦老师',
  },
  {
    school: PARK_COLLEGE,
    programmeCode: '460306',
    startYear: 2008,
    enrolmentPlan: 120,
    studentsEnrolled: 350,
    graduates: [
      [0, 112],
      [1, 116],
    ],
    skills: ['供配电', 'PLC', '电机控制'],
    certificates: [ELECTRICIAN],
    trainingModes: [Internship],
    partnerEnterprises: [BATTERY],
    contactName: '秦老师',
  },
  {
    school: PARK_COLLEGE,
    programmeCode: '460201',
    startYear: 2022,
    enrolmentPlan: 80,
    studentsEnrolled: 160,
    graduates: [[1, 78]],
    skills: ['数控加工', '智能产线运维', 'MES'],
    certificates: [],
    trainingModes: [OrderClass],
    partnerEnterprises: [SERVICES, SEMICONDUCTOR],
    contactName: '秦老师',
  },
  {
    school: INFO_COLLEGE,
    programmeCode: '510201',
    startYear: 2004,
    enrolmentPlan: 180,
    studentsEnrolled: 520,
    graduates: [
      [0, 170],
      [1, 175],
    ],
    skills: ['Java', 'MySQL', 'Linux', '网络搭建'],
    certificates: [],
    trainingModes: [Internship],
    partnerEnterprises: [SOFTWARE],
    contactName: '尤老师',
  },
  {
    school: INFO_COLLEGE,
    programmeCode: '510203',
    startYear: 2006,
    enrolmentPlan: 200,
    studentsEnrolled: 600,
    graduates: [
      [0, 195],
      [1, 198],
    ],
    skills: ['Java', 'Vue', '软件测试', 'Git'],
    certificates: ['Web 前端开发职业技能等级证书（1+X）'],
    trainingModes: [OrderClass, Internship],
    partnerEnterprises: [SOFTWARE],
    contactName: '尤老师',
  },
  {
    school: INFO_COLLEGE,
    programmeCode: '510205',
    startYear: 2019,
    enrolmentPlan: 100,
    studentsEnrolled: 300,
    graduates: [
      [0, 96],
      [1, 99],
    ],
    skills: ['Python', 'Hadoop', '数据可视化', 'SQL'],
    certificates: ['大数据应用开发（Python）职业技能等级证书（1+X）'],
    trainingModes: [OrderClass],
    partnerEnterprises: [SOFTWARE, SERVICES],
    contactName: '尤老师',
  },
  {
    school: HEALTH_COLLEGE,
    programmeCode: '520101K',
    startYear: 2010,
    enrolmentPlan: 120,
    studentsEnrolled: 360,
    graduates: [
      [0, 115],
      [1, 118],
    ],
    skills: ['临床技能', '急救'],
    certificates: [],
    trainingModes: [Internship],
    partnerEnterprises: [BIOMED],
    contactName: '许老师',
  },
  {
    school: TRANSPORT_COLLEGE,
    programmeCode: '530701',
    startYear: 2011,
    enrolmentPlan: 90,
    studentsEnrolled: 270,
    graduates: [
      [0, 85],
      [1, 88],
    ],
    skills: ['直播运营', '跨境电商', '数据分析'],
    certificates: [],
    trainingModes: [OrderClass, Internship],
    partnerEnterprises: [LOGISTICS],
    contactName: '何老师',
  },
  {
    school: TRANSPORT_COLLEGE,
    programmeCode: '460104',
    startYear: 2007,
    status: OfferingStatus.Suspended,
    enrolmentPlan: 0,
    studentsEnrolled: 60,
    graduates: [[0, 60]],
    skills: ['机械加工', 'CAD'],
    certificates: [],
    trainingModes: [Internship],
    partnerEnterprises: [AUTO_PARTS],
    contactName: '何老师',
  },
  {
    school: UNIVERSITY,
    programmeCode: '260304',
    startYear: 2021,
    enrolmentPlan: 60,
    studentsEnrolled: 180,
    graduates: [
      [0, 55],
      [1, 60],
    ],
    skills: ['机器人系统集成', 'ROS', '机器视觉', 'C++'],
    certificates: [ROBOT_CERT],
    trainingModes: [OrderClass, Pathway],
    partnerEnterprises: [ROBOTICS],
    partnerSchools: [PARK_COLLEGE],
    contactName: '吕老师',
  },
  {
    school: UNIVERSITY,
    programmeCode: '260302',
    startYear: 2021,
    enrolmentPlan: 80,
    studentsEnrolled: 240,
    graduates: [
      [0, 76],
      [1, 80],
    ],
    skills: ['电力电子', 'PLC', '工业网络'],
    certificates: [],
    trainingModes: [Internship],
    partnerEnterprises: [BATTERY, AUTOMATION],
    contactName: '吕老师',
  },
  {
    school: UNIVERSITY,
    programmeCode: '460303',
    startYear: 2015,
    enrolmentPlan: 100,
    studentsEnrolled: 290,
    graduates: [
      [0, 92],
      [1, 95],
    ],
    skills: ['嵌入式', '单片机', 'PLC'],
    certificates: [PLC_CERT],
    trainingModes: [Apprenticeship],
    partnerEnterprises: [SEMICONDUCTOR],
    contactName: '吕老师',
  },
  {
    school: TECH_INSTITUTE,
    programmeCode: '310203',
    startYear: 2023,
    enrolmentPlan: 60,
    studentsEnrolled: 120,
    graduates: [[1, 58]],
    skills: ['Java', '微服务', '软件工程'],
    certificates: [],
    trainingModes: [Internship],
    partnerEnterprises: [SOFTWARE],
    contactName: '施老师',
  },
  {
    school: TECHNICIAN_SCHOOL,
    programmeCode: '660304',
    startYear: 2013,
    enrolmentPlan: 50,
    studentsEnrolled: 140,
    graduates: [
      [0, 45],
      [1, 47],
    ],
    skills: ['仪表校验', 'DCS', '电气识图'],
    certificates: ['仪器仪表维修工（四级）'],
    trainingModes: [Apprenticeship],
    partnerEnterprises: [SEMICONDUCTOR],
    contactName: '孔老师',
  },
  {
    school: TECHNICIAN_SCHOOL,
    programmeCode: '460306',
    startYear: 2016,
    enrolmentPlan: 60,
    studentsEnrolled: 170,
    graduates: [
      [0, 54],
      [1, 57],
    ],
    skills: ['电工', 'PLC', '电机维修'],
    certificates: [ELECTRICIAN],
    trainingModes: [Apprenticeship, Internship],
    partnerEnterprises: [AUTOMATION],
    contactName: '孔老师',
  },
];
