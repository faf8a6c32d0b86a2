/** The people and the roster of the demo community, 幸福里小区. */

export interface Person {
  id: string;
  name: string;
  unit?: string;
}

export const TZ = 'Asia/Shanghai';
export const COMMUNITY = '幸福里小区';
export const GROUP = { id: 'room-xfl', title: '幸福里业主群' };

export const ROSTER = `unit,area_m2,owner_name,owner_id
1-1-101,89.50,张桂兰,
1-1-102,76.20,李建国,L-001
1-1-201,76.20,李建国,L-001
1-2-301,102.35,王秀英,
2-1-101,89.50,赵德明,
2-1-202,120.00,孙丽华,
2-1-301,78.00,钱桂芳,
2-1-402,95.00,何建华,
2-2-501,65.80,周志强,
3-1-101,95.00,吴淑芬,
3-1-302,88.88,郑海涛,
3-2-501,89.50,冯玉梅,
`;

export interface Cast {
  /** 主任/召集人. */
  chair: Person;
  zhang: Person;
  li: Person;
  zhao: Person;
  /** Appointed 委员 on the first day. */
  sun: Person;
  zhou: Person;
  wu: Person;
  feng: Person;
  /** The seven bound residents above, in this order. */
  residents: Person[];
  /** 张阿姨's husband: a second member of household 1-1-101. */
  spouse: Person;
  /** 2-1-402, the lift's entrance: binds only to vote on the lift. */
  he: Person;
  /** 2-1-301, the lift's entrance: no smartphone, votes on paper. */
  qian: Person;
  /** Reads the group but never binds. */
  chatter: Person;
}

export function createCast(): Cast {
  const zhang = { id: 'wx-zhang', name: '张阿姨', unit: '1-1-101' };
  const li = { id: 'wx-li', name: '李建国', unit: '1-1-102' };
  const zhao = { id: 'wx-zhao', name: '赵师傅', unit: '2-1-101' };
  const sun = { id: 'wx-sun', name: '孙老师', unit: '2-1-202' };
  const zhou = { id: 'wx-zhou', name: '小周', unit: '2-2-501' };
  const wu = { id: 'wx-wu', name: '吴奶奶', unit: '3-1-101' };
  const feng = { id: 'wx-feng', name: '冯大姐', unit: '3-2-501' };
  return {
    chair: { id: 'wx-wang', name: '王主任', unit: '1-2-301' },
    zhang,
    li,
    zhao,
    sun,
    zhou,
    wu,
    feng,
    residents: [zhang, li, zhao, sun, zhou, wu, feng],
    spouse: { id: 'wx-liu', name: '刘大爷', unit: '1-1-101' },
    he: { id: 'wx-he', name: '何建华', unit: '2-1-402' },
    qian: { id: 'paper-qian', name: '钱奶奶', unit: '2-1-301' },
    chatter: { id: 'wx-zheng', name: '郑海涛' },
  };
}
