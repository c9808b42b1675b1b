import { CatalogueInput, OfferingInput, PostingInput } from '../scoring-model';

/** A small hand-made catalogue around 装备制造 and 电子信息 (texts abridged). */
export const CATALOGUE: CatalogueInput = {
  programmes: [
    { code: '460305', name: '工业机器人技术', classCode: '4603', categoryCode: '46' },
    { code: '460301', name: '机电一体化技术', classCode: '4603', categoryCode: '46' },
    { code: '460303', name: '智能控制技术', classCode: '4603', categoryCode: '46' },
    { code: '460104', name: '数控技术', classCode: '4601', categoryCode: '46' },
    { code: '660303', name: '工业机器人技术应用', classCode: '6603', categoryCode: '66' },
    { code: '510201', name: '计算机应用技术', classCode: '5102', categoryCode: '51' },
    { code: '510205', name: '大数据技术', classCode: '5102', categoryCode: '51' },
    { code: '530302', name: '大数据与会计', classCode: '5303', categoryCode: '53' },
    { code: '260302', name: '机器人技术', classCode: '2603', categoryCode: '26' },
  ],
  occupations: [
    { code: '6-00-00-00', name: '生产制造及有关人员', definition: null, mainTasks: null },
    { code: '6-31-00-00', name: '生产辅助人员', definition: null, mainTasks: null },
    { code: '6-31-01-00', name: '机械设备修理人员', definition: null, mainTasks: null },
    {
      code: '6-31-01-03',
      name: '电工',
      definition: '安装、调试与维护、修理机械设备电气部分和电气系统线路的人员。',
      mainTasks: '1.安装、调试、维护、保养电气设备 2.架设与接通配电线路与电缆',
    },
    { code: '6-31-07-00', name: '工业机器人操作运维人员', definition: null, mainTasks: null },
    {
      code: '6-31-07-01',
      name: '工业机器人系统运维员',
      definition: '进行工业机器人、工业机器人工作站或系统的数据采集、状态监测及运维的人员。',
      mainTasks:
        '1.检查、诊断工业机器人本体、末端执行器等机械系统 2.检查、诊断工业机器人电控系统、驱动系统 3.进行工业机器人系统的预防性维护',
    },
    {
      code: '6-31-07-02',
      name: '工业视觉系统运维员',
      definition: '从事智能装备视觉系统选型、安装调试、故障诊断与排除作业的人员。',
      mainTasks: '1.进行相机、镜头等视觉硬件选型、调试、维护 2.标定视觉系统精度',
    },
    {
      code: '6-31-07-03',
      name: '工业机器人系统操作员',
      definition: '使用示教器、操作面板等设备，对工业机器人工作站或系统进行装配、编程、调试的人员。',
      mainTasks: '1.进行作业准备 2.使用示教器编程 3.调试工业机器人工作站',
    },
    { code: '2-02-38-00', name: '数字技术工程技术人员', definition: null, mainTasks: null },
    {
      code: '2-02-38-10',
      name: '机器人工程技术人员',
      definition: '从事机器人结构、控制、感知技术和集成机器人系统研究、设计的工程技术人员。',
      mainTasks: '1.研究、开发机器人结构、控制、感知等相关技术 2.设计、开发机器人系统',
    },
    {
      code: '2-02-10-03',
      name: '计算机软件工程技术人员',
      definition: '从事计算机软件研究、需求分析、设计、开发、测试的工程技术人员。',
      mainTasks: '1.研究软件技术 2.进行需求分析 3.编写程序代码并测试',
    },
    { code: '2-06-03-00', name: '会计专业人员', definition: null, mainTasks: null },
    {
      code: '2-06-03-01',
      name: '会计专业人员',
      definition: '从事会计核算、会计监督、财务报告编制的专业人员。',
      mainTasks: '1.进行会计核算 2.编制财务会计报告 3.进行税务申报',
    },
  ],
  mapping: [
    { programmeCode: '460305', occupationCode: '6-31-07-01' },
    { programmeCode: '460305', occupationCode: '6-31-07-03' },
    { programmeCode: '460305', occupationCode: '2-02-38-10' },
    { programmeCode: '660303', occupationCode: '6-31-07-03' },
    { programmeCode: '460301', occupationCode: '6-31-01' },
    { programmeCode: '460303', occupationCode: '6-31-07-02' },
    { programmeCode: '510201', occupationCode: '2-02-10-03' },
    { programmeCode: '530302', occupationCode: '2-06-03-01' },
    { programmeCode: '260302', occupationCode: '2-02-38-10' },
  ],
};

export function posting(over: Partial<PostingInput> = {}): PostingInput {
  return {
    id: 'p-1',
    title: '岗位',
    description: null,
    occupationCode: null,
    programmeCodes: [],
    programmeClassCodes: [],
    minLevel: null,
    headcount: 10,
    requiredSkills: [],
    preferredSkills: [],
    employmentType: 'full_time',
    district: null,
    inPark: false,
    startYear: 2027,
    ...over,
  };
}

export function offering(over: Partial<OfferingInput> = {}): OfferingInput {
  return {
    id: 'o-1',
    organizationId: 'school-1',
    programmeCode: '460305',
    level: 'higher_vocational',
    status: 'active',
    skills: [],
    trainingModes: [],
    expectedGraduates: [],
    committed: [],
    district: null,
    inPark: false,
    ...over,
  };
}
