import { PlanVersionStatus as S } from '../../entities/training-enums';
import { diffItems, DiffItem } from '../plan-diff';
import { canTransition, isFrozen } from '../plan-lifecycle';
import { checkRosterRows } from '../roster-rows';
import { withCheckCharacter } from '../id-number';

describe('version lifecycle', () => {
  it.each([
    [S.Draft, S.Submitted, true],
    [S.Draft, S.Approved, false],
    [S.Submitted, S.Approved, true],
    [S.Submitted, S.Draft, true],
    [S.Approved, S.Closed, true],
    [S.Approved, S.Draft, false],
    [S.Approved, S.Superseded, false],
    [S.Superseded, S.Approved, false],
    [S.Closed, S.Approved, false],
  ])('%s → %s: %p', (from, to, allowed) => {
    expect(canTransition(from, to)).toBe(allowed);
  });

  it.each([
    [S.Draft, false],
    [S.Submitted, true],
    [S.Approved, true],
    [S.Superseded, true],
    [S.Closed, true],
  ])('%s frozen: %p', (status, frozen) => expect(isFrozen(status)).toBe(frozen));
});

const item = (itemKey: string, changes: Partial<DiffItem> = {}): DiffItem => ({
  itemKey,
  title: `项目${itemKey}`,
  type: 'pre_job',
  providerOrganizationId: 'P1',
  openToPublic: false,
  targetOrganizationIds: ['T1', 'T2'],
  plannedSessions: 2,
  plannedParticipantTimes: 40,
  plannedHours: '16.0',
  budget: '1000.00',
  fundingSource: 'fiscal',
  trainingBaseId: null,
  description: null,
  ...changes,
});

describe('diffItems', () => {
  it('reports added, removed and changed items field by field', () => {
    const diff = diffItems(
      [item('a'), item('b'), item('c')],
      [
        item('a', { targetOrganizationIds: ['T2', 'T1'], plannedHours: '16' }),
        item('b', { plannedSessions: 3, budget: '1500.00' }),
        item('d'),
      ],
    );
    expect(diff.added).toEqual([{ itemKey: 'd', title: '项目d' }]);
    expect(diff.removed).toEqual([{ itemKey: 'c', title: '项目c' }]);
    expect(diff.changed).toEqual([
      {
        itemKey: 'b',
        title: '项目b',
        changes: [
          { field: 'plannedSessions', from: 2, to: 3 },
          { field: 'budget', from: '1000.00', to: '1500.00' },
        ],
      },
    ]);
    expect(diff.unchanged).toBe(1);
  });

  it('shows a first version as all added', () => {
    expect(diffItems([], [item('a')])).toEqual({
      added: [{ itemKey: 'a', title: '项目a' }],
      removed: [],
      changed: [],
      unchanged: 0,
    });
  });
});

describe('roster rows', () => {
  const valid = withCheckCharacter('32058319900101001');
  it('reports every problem by row and field, never quoting the number', () => {
    const bad = '320583199001010010';
    const problems = checkRosterRows(
      [
        { name: '李明', idNumber: valid },
        { name: '  ', idNumber: null },
        { name: '王芳', idNumber: bad },
        { name: '赵强', idNumber: valid.toLowerCase() },
        { name: '孙丽', idNumber: '12345' },
      ],
      (index) => index + 2,
    );
    expect(problems.map((p) => [p.row, p.field])).toEqual([
      [3, 'name'],
      [4, 'idNumber'],
      [5, 'idNumber'],
      [6, 'idNumber'],
    ]);
    expect(problems[2].reason).toContain('row 2');
    for (const p of problems) {
      expect(p.reason).not.toContain(bad);
      expect(p.reasonZh).not.toContain(valid);
    }
  });

  it('accepts rows without an ID number', () => {
    expect(checkRosterRows([{ name: '李明' }, { name: '王芳', idNumber: '' }], (i) => i)).toEqual([]);
  });
});
