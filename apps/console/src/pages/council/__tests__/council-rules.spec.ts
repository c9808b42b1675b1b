import 'reflect-metadata';
import { getMetadataStorage } from 'class-validator';
import {
  CreateMeetingDto,
  CreateResolutionDto,
  CreateSeatDto,
  CreateTaskDto,
  RatioDto,
  UpdateCouncilDto,
} from '@chanjiao/consortia/dto/council.dto';
import { MEETING_STATUSES } from '@chanjiao/consortia/entities/council-enums';
import { MEETING_TRANSITIONS as API_MEETING_TRANSITIONS } from '@chanjiao/consortia/services/meetings.service';
import {
  agendaLines,
  attendanceRows,
  beijingInstant,
  COUNCIL_LIMITS,
  MEETING_TRANSITIONS,
  parseRatio,
  type Meeting,
} from '../council-rules';

/** The class-validator rules of one DTO property: min/max length (or array size, or minimum). */
function limitsOf(dto: new () => object, property: string, each = false): { min: number; max: number } {
  const rules = getMetadataStorage()
    .getTargetValidationMetadatas(dto, '', false, false)
    .filter((m) => m.propertyName === property && Boolean(m.each) === each);
  let min = 0;
  let max = Infinity;
  for (const rule of rules) {
    if (rule.name === 'isLength') [min, max] = rule.constraints as [number, number];
    if (rule.name === 'maxLength' || rule.name === 'arrayMaxSize') max = rule.constraints[0] as number;
    if (rule.name === 'minLength' || rule.name === 'min') min = rule.constraints[0] as number;
  }
  return { min, max };
}

describe('council form rules', () => {
  it.each([
    ['councilName', UpdateCouncilDto, 'name'],
    ['personName', CreateSeatDto, 'personName'],
    ['personTitle', CreateSeatDto, 'personTitle'],
    ['meetingTitle', CreateMeetingDto, 'title'],
    ['place', CreateMeetingDto, 'place'],
    ['resolutionTitle', CreateResolutionDto, 'title'],
    ['resolutionText', CreateResolutionDto, 'text'],
    ['taskTitle', CreateTaskDto, 'title'],
  ] as const)('%s has the DTO’s length limits', (limit, dto, property) => {
    expect(COUNCIL_LIMITS[limit]).toEqual(limitsOf(dto, property));
  });

  it('allows as many agenda items, each as long, as CreateMeetingDto', () => {
    expect(COUNCIL_LIMITS.agenda.max).toBe(limitsOf(CreateMeetingDto, 'agenda').max);
    expect(COUNCIL_LIMITS.agendaItem.max).toBe(limitsOf(CreateMeetingDto, 'agenda', true).max);
    expect(agendaLines(' 审议工作计划 \n\n审议新成员 ')).toEqual(['审议工作计划', '审议新成员']);
  });

  it('reads ratios with RatioDto’s minimum', () => {
    expect(COUNCIL_LIMITS.ratioMin).toBe(limitsOf(RatioDto, 'numerator').min);
    expect(COUNCIL_LIMITS.ratioMin).toBe(limitsOf(RatioDto, 'denominator').min);
    expect(parseRatio(' 2 / 3 ')).toEqual({ numerator: 2, denominator: 3 });
    for (const bad of ['0/3', '2/0', '2:3', '2/3/4', '-1/2', '1.5/2', '', undefined]) {
      expect(parseRatio(bad)).toBeUndefined();
    }
  });

  it.each(MEETING_STATUSES)('offers the API’s meeting moves from %s', (from) => {
    expect([...MEETING_TRANSITIONS[from]].sort()).toEqual([...API_MEETING_TRANSITIONS[from]].sort());
  });

  it('lists every seat of the meeting for attendance, absent unless recorded', () => {
    const seat = (id: string) => ({ id }) as Meeting['council'][number];
    const meeting = {
      council: [seat('a'), seat('b'), seat('c')],
      attendance: [
        { seatId: 'a', status: 'present', proxySeatId: null },
        { seatId: 'c', status: 'proxy', proxySeatId: 'a' },
      ],
    } as unknown as Meeting;
    expect(attendanceRows(meeting)).toEqual([
      { seatId: 'a', status: 'present', proxySeatId: undefined },
      { seatId: 'b', status: 'absent', proxySeatId: undefined },
      { seatId: 'c', status: 'proxy', proxySeatId: 'a' },
    ]);
  });

  it('sends the meeting time as a Beijing instant', () => {
    expect(beijingInstant('2026-12-10T09:00')).toBe('2026-12-10T09:00:00+08:00');
    expect(new Date(beijingInstant('2026-12-10T09:00')).toISOString()).toBe('2026-12-10T01:00:00.000Z');
  });
});
