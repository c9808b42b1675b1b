import { checkHandlerCoverage } from '../job-handler.registry';
import { ALL_JOB_NAMES } from '../job-names';

const found = (entries: Array<[string, string[]]>) => new Map<string, string[]>(entries);

describe('checkHandlerCoverage', () => {
  it.each<[string, string[], Map<string, string[]>, string[]]>([
    [
      'every job has exactly one handler',
      ['a.one', 'b.two'],
      found([
        ['a.one', ['OneHandler']],
        ['b.two', ['TwoHandler']],
      ]),
      [],
    ],
    ['nothing is expected and nothing is found', [], found([]), []],
    ['a job has no handler', ['a.one', 'b.two'], found([['a.one', ['OneHandler']]]), ['job "b.two" has no handler']],
    ['a job maps to an empty handler list', ['a.one'], found([['a.one', []]]), ['job "a.one" has no handler']],
    [
      'every job is missing',
      ['a.one', 'b.two'],
      found([]),
      ['job "a.one" has no handler', 'job "b.two" has no handler'],
    ],
    [
      'a job has two handlers',
      ['a.one'],
      found([['a.one', ['FirstHandler', 'SecondHandler']]]),
      ['job "a.one" has 2 handlers: FirstHandler, SecondHandler'],
    ],
    [
      'a job has three handlers',
      ['a.one'],
      found([['a.one', ['H1', 'H2', 'H3']]]),
      ['job "a.one" has 3 handlers: H1, H2, H3'],
    ],
    [
      'a handler names an unknown job',
      ['a.one'],
      found([
        ['a.one', ['OneHandler']],
        ['z.ghost', ['GhostHandler']],
      ]),
      ['handler for unknown job "z.ghost"'],
    ],
    [
      'missing, duplicate and unknown together (expected-job problems first)',
      ['a.one', 'b.two'],
      found([
        ['z.ghost', ['GhostHandler']],
        ['b.two', ['X', 'Y']],
      ]),
      ['job "a.one" has no handler', 'job "b.two" has 2 handlers: X, Y', 'handler for unknown job "z.ghost"'],
    ],
  ])('%s', (_label, expected, handlers, problems) => {
    expect(checkHandlerCoverage(expected, handlers)).toEqual(problems);
  });

  it('reports the real job names as uncovered when no handler is registered', () => {
    expect(ALL_JOB_NAMES.length).toBeGreaterThan(0);
    expect(checkHandlerCoverage(ALL_JOB_NAMES, new Map())).toEqual(
      ALL_JOB_NAMES.map((name) => `job "${name}" has no handler`),
    );
  });

  it('does not modify its inputs', () => {
    const expected = ['a.one'];
    const handlers = found([
      ['a.one', ['A', 'B']],
      ['z', ['Z']],
    ]);
    checkHandlerCoverage(expected, handlers);
    expect(expected).toEqual(['a.one']);
    expect([...handlers.entries()]).toEqual([
      ['a.one', ['A', 'B']],
      ['z', ['Z']],
    ]);
  });
});
