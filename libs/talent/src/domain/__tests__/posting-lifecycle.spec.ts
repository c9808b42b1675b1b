import { PostingStatus } from '../../entities/talent-enums';
import { nextStatus, PostingAction, salaryProblem, validUntilProblem, visibleTo } from '../posting-lifecycle';

const { Draft, Published, Closed, Filled, Expired } = PostingStatus;

describe('posting lifecycle', () => {
  it.each([
    [Draft, PostingAction.Publish, Published],
    [Draft, PostingAction.Close, Closed],
    [Draft, PostingAction.Fill, null],
    [Draft, PostingAction.Reopen, null],
    [Published, PostingAction.Publish, null],
    [Published, PostingAction.Close, Closed],
    [Published, PostingAction.Fill, Filled],
    [Published, PostingAction.Reopen, null],
    [Closed, PostingAction.Reopen, Draft],
    [Closed, PostingAction.Publish, null],
    [Filled, PostingAction.Reopen, null],
    [Filled, PostingAction.Close, null],
    [Expired, PostingAction.Reopen, Draft],
    [Expired, PostingAction.Publish, null],
  ])('%s --%s--> %s', (from, action, to) => {
    expect(nextStatus(from, action)).toBe(to);
  });
});

describe('visibleTo', () => {
  const own = { organizationId: 'org-1' };
  it.each([
    ['a moderator sees a draft', { ...own, status: Draft }, { moderator: true }, true],
    ['the owner sees its draft', { ...own, status: Draft }, { moderator: false, organizationId: 'org-1' }, true],
    ['another member does not see a draft', { ...own, status: Draft }, { moderator: false, organizationId: 'org-2' }, false],
    ['an observer does not see a draft', { ...own, status: Draft }, { moderator: false }, false],
    ['another member sees a published posting', { ...own, status: Published }, { moderator: false, organizationId: 'org-2' }, true],
    ['an observer sees an expired posting', { ...own, status: Expired }, { moderator: false }, true],
  ])('%s', (_label, posting, viewer, expected) => {
    expect(visibleTo(posting, viewer)).toBe(expected);
  });
});

describe('field rules', () => {
  it.each([
    ['2026-05-01', '2026-05-02', true],
    ['2026-05-02', '2026-05-02', false],
    [null, '2026-05-02', false],
  ])('validUntil %s on %s refused: %s', (validUntil, today, refused) => {
    expect(validUntilProblem(validUntil, today) !== null).toBe(refused);
  });

  it.each([
    ['9000', '8000', true],
    ['8000', '8000', false],
    ['800', '8000', false],
    [null, '8000', false],
    ['12000.5', '9999.99', true],
  ])('salary %s–%s refused: %s', (min, max, refused) => {
    expect(salaryProblem(min, max) !== null).toBe(refused);
  });
});
