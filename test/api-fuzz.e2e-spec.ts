import { randomUUID } from 'node:crypto';
import {
  chinaToday,
  createTwoConsortia,
  fillPath,
  HttpClient,
  listOperations,
  Operation,
  startTestStack,
  TestStack,
  TwoConsortia,
} from '@chanjiao/testing';
import { Caller, ROUTE_ACCESS } from './access-control.table';

/**
 * Hostile input over EVERY operation of the OpenAPI document, as the platform admin (on
 * consortium B) and as consortium A's secretariat (on A), with real ids: each field of
 * each body (nested fields and array items included) in turn replaced by impossible and
 * ISO week dates, out-of-range numbers, NUL bytes, huge strings, wrong types; whole
 * bodies replaced by the wrong JSON or none; each query and path parameter likewise.
 * Nothing may answer 5xx; every 4xx carries the one error body with the request id;
 * NUL bytes and huge strings are refused everywhere, numbers beyond int4 and impossible
 * dates wherever the schema expects a number or a date. New routes and fields join by
 * themselves (the document drives it). A route the caller may not call
 * (`access-control.table.ts`) gets only the path and whole-body variants: its guard
 * answers before any field is read.
 *
 * Deterministic: the values tried per field are drawn by a seeded generator (`FUZZ_SEED`,
 * default below), and each failure names its request. `FUZZ_FULL=1` tries every value
 * on every field (slower); `FUZZ_CONCURRENCY=1` replays in a fixed order.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const FULL = process.env.FUZZ_FULL === '1';
const CONCURRENCY = Number(process.env.FUZZ_CONCURRENCY ?? 4);

/** mulberry32: a small seeded generator, so a run can be repeated exactly. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---------------------------------------------------------------------------------------
// Hostile values

type Kind = 'date' | 'number' | 'nul' | 'huge' | 'type' | 'text' | 'reference';

/** A JSON token written as is (JSON.stringify cannot write 1e999). */
class RawJson {
  constructor(readonly token: string) {}
}

interface Hostile {
  kind: Kind;
  label: string;
  value: unknown;
}

const HOSTILE_BODY_VALUES: Hostile[] = [
  { kind: 'date', label: 'impossible date', value: '2024-02-30' },
  { kind: 'date', label: 'ISO week date', value: '2026-W50' },
  { kind: 'date', label: 'ordinal date', value: '2026-344' },
  { kind: 'date', label: 'hour 24', value: '2026-12-10T24:00:00+08:00' },
  { kind: 'date', label: 'no offset', value: '2026-12-10T09:00:00' },
  { kind: 'date', label: 'year 0', value: '0000-01-01' },
  { kind: 'date', label: 'five-digit year', value: '+12026-01-01' },
  { kind: 'number', label: '3000000000', value: 3_000_000_000 },
  { kind: 'number', label: '-3000000000', value: -3_000_000_000 },
  { kind: 'number', label: 'int4 max + 1', value: 2_147_483_648 },
  { kind: 'number', label: '1e308', value: 1e308 },
  { kind: 'number', label: '1e999 (Infinity)', value: new RawJson('1e999') },
  { kind: 'number', label: '-1e999', value: new RawJson('-1e999') },
  { kind: 'number', label: '1.5', value: 1.5 },
  { kind: 'number', label: '"NaN"', value: 'NaN' },
  { kind: 'number', label: '"3000000000"', value: '3000000000' },
  { kind: 'nul', label: 'NUL inside', value: 'a\u0000b' },
  { kind: 'nul', label: 'NUL alone', value: '\u0000' },
  { kind: 'huge', label: '100 kB of x', value: 'x'.repeat(100_000) },
  { kind: 'huge', label: '40,000 汉', value: '汉'.repeat(40_000) },
  { kind: 'type', label: 'true', value: true },
  { kind: 'type', label: 'null', value: null },
  { kind: 'type', label: '{}', value: {} },
  { kind: 'type', label: '[]', value: [] },
  { kind: 'type', label: '[[]]', value: [[]] },
  { kind: 'type', label: '42', value: 42 },
  { kind: 'type', label: 'empty string', value: '' },
  { kind: 'type', label: 'nested 40 deep', value: nested(40) },
  { kind: 'text', label: 'spaces only', value: '   ' },
  { kind: 'text', label: 'lone surrogate', value: '\ud800' },
  { kind: 'text', label: 'LIKE pattern', value: '%_\\' },
  { kind: 'text', label: 'astral characters', value: '𠀀😀'.repeat(3) },
  { kind: 'reference', label: 'unknown uuid', value: '7d1f3c2a-5b8e-4c1d-9f0a-2e3b4c5d6e7f' },
  { kind: 'reference', label: 'nil uuid', value: '00000000-0000-0000-0000-000000000000' },
];

function nested(depth: number): unknown {
  let value: unknown = 'x';
  for (let i = 0; i < depth; i += 1) value = i % 2 ? [value] : { a: value };
  return value;
}

/** Query and path values, already percent-encoded as they go on the wire. */
const HOSTILE_URL_VALUES: Array<{ kind: Kind; label: string; encoded: string }> = [
  { kind: 'date', label: 'impossible date', encoded: '2024-02-30' },
  { kind: 'date', label: 'ISO week date', encoded: '2026-W50' },
  { kind: 'date', label: 'no offset', encoded: '2026-12-10T09%3A00%3A00' },
  { kind: 'number', label: '3000000000', encoded: '3000000000' },
  { kind: 'number', label: '-3000000000', encoded: '-3000000000' },
  { kind: 'number', label: '1e308', encoded: '1e308' },
  { kind: 'number', label: 'NaN', encoded: 'NaN' },
  { kind: 'number', label: 'Infinity', encoded: 'Infinity' },
  { kind: 'number', label: '1.5', encoded: '1.5' },
  { kind: 'nul', label: '%00', encoded: '%00' },
  { kind: 'nul', label: 'a%00b', encoded: 'a%00b' },
  { kind: 'huge', label: '8,000 x', encoded: 'x'.repeat(8_000) },
  { kind: 'huge', label: '900 汉 encoded', encoded: '%E6%B1%89'.repeat(900) },
  { kind: 'huge', label: '20,000 x (past the header limit)', encoded: 'x'.repeat(20_000) },
  { kind: 'type', label: 'empty', encoded: '' },
  { kind: 'type', label: 'true', encoded: 'true' },
  { kind: 'type', label: 'null', encoded: 'null' },
  { kind: 'text', label: 'invalid UTF-8', encoded: '%FF%FE' },
  { kind: 'text', label: 'surrogate bytes', encoded: '%ED%A0%80' },
  { kind: 'text', label: 'truncated UTF-8', encoded: '%E4%B8' },
  { kind: 'text', label: 'malformed escape', encoded: '%ZZ' },
  { kind: 'text', label: 'LIKE pattern', encoded: '%25_%5C' },
  { kind: 'text', label: 'dot segments', encoded: '..%2F..' },
  { kind: 'reference', label: 'unknown uuid', encoded: '7d1f3c2a-5b8e-4c1d-9f0a-2e3b4c5d6e7f' },
];

/** Whole bodies that are not the object the route expects. */
const HOSTILE_BODIES: Array<{ label: string; raw: string | Buffer; contentType?: string }> = [
  { label: 'empty object', raw: '{}' },
  { label: 'array', raw: '[]' },
  { label: 'null', raw: 'null' },
  { label: 'string', raw: '"text"' },
  { label: 'number', raw: '1e999' },
  { label: 'empty body', raw: '' },
  { label: 'malformed JSON', raw: '{"a":' },
  { label: '__proto__', raw: '{"__proto__":{"polluted":true}}' },
  { label: 'constructor.prototype', raw: '{"constructor":{"prototype":{"polluted":true}}}' },
  { label: 'NUL in a key', raw: '{"a\\u0000b":1}' },
  { label: '5,000 nested arrays', raw: '['.repeat(5_000) + ']'.repeat(5_000) },
  { label: '3,000 nested objects', raw: '{"a":'.repeat(3_000) + '1' + '}'.repeat(3_000) },
  { label: 'invalid UTF-8', raw: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]) },
  { label: 'over the body limit', raw: `{"a":"${'x'.repeat(1_100_000)}"}` },
  { label: 'text/plain', raw: 'name=x', contentType: 'text/plain' },
  { label: 'form', raw: 'name=x', contentType: 'application/x-www-form-urlencoded' },
  { label: 'multipart', raw: '--b\r\n\r\nx\r\n--b--', contentType: 'multipart/form-data; boundary=b' },
  {
    label: 'UTF-16 JSON',
    raw: Buffer.from('{"name":"x"}', 'utf16le'),
    contentType: 'application/json; charset=utf-16',
  },
  // A Buffer, so fetch adds no content type of its own.
  { label: 'no content type', raw: Buffer.from('{}'), contentType: '' },
];

// ---------------------------------------------------------------------------------------
// The OpenAPI document

interface Schema {
  $ref?: string;
  allOf?: Schema[];
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  properties?: Record<string, Schema>;
  items?: Schema;
  minimum?: number;
  minLength?: number;
}

interface Parameter {
  name: string;
  in: 'query' | 'path' | 'header';
  schema?: Schema;
}

interface DocumentedOperation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}

interface OpenApiDocument {
  paths: Record<string, Record<string, DocumentedOperation>>;
  components: { schemas: Record<string, Schema> };
}

function resolver(document: OpenApiDocument) {
  const resolve = (schema: Schema): Schema => {
    if (schema.$ref) return resolve(document.components.schemas[schema.$ref.replace('#/components/schemas/', '')]);
    if (schema.allOf) {
      const { allOf, ...own } = schema;
      return Object.assign({}, ...allOf.map(resolve), own);
    }
    return schema;
  };
  return resolve;
}

/** A field of a sample body: where it is, and what the schema says it is. */
interface Field {
  path: string[];
  schema: Schema;
}

/** The component a schema names (`$ref`, or `allOf: [$ref]` with a description). */
const componentOf = (schema: Schema): string | undefined => schema.$ref ?? schema.allOf?.find((s) => s.$ref)?.$ref;

/**
 * Every field of a sample body, nested ones and the first item of arrays included. A
 * component met again in the same body (the three lead units) is replaced whole but
 * not walked again, unless FUZZ_FULL: its fields were just tried.
 */
function fieldsOf(
  resolve: (s: Schema) => Schema,
  schema: Schema,
  value: unknown,
  path: string[] = [],
  seen = new Set<string>(),
): Field[] {
  const own = resolve(schema);
  const fields: Field[] = path.length ? [{ path, schema: own }] : [];
  const component = componentOf(schema);
  if (component && path.length && seen.has(component) && !FULL) return fields;
  if (component) seen.add(component);
  if (own.properties && value && typeof value === 'object') {
    for (const [name, child] of Object.entries(own.properties)) {
      fields.push(...fieldsOf(resolve, child, (value as Record<string, unknown>)[name], [...path, name], seen));
    }
  } else if (own.items && Array.isArray(value) && value.length > 0) {
    fields.push(...fieldsOf(resolve, own.items, value[0], [...path, '0'], seen));
  }
  return fields;
}

function withValue(body: unknown, path: string[], value: unknown): unknown {
  const copy = structuredClone(body) as Record<string, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string, unknown>;
  parent[path[path.length - 1]] = value;
  return copy;
}

function toJson(value: unknown): string {
  const raw: string[] = [];
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (!(v instanceof RawJson)) return v;
    raw.push(v.token);
    return `\u0001raw${raw.length - 1}\u0001`;
  });
  return text.replace(/"\\u0001raw(\d+)\\u0001"/g, (_m, index: string) => raw[Number(index)]);
}

// ---------------------------------------------------------------------------------------

interface Attempt {
  caller: string;
  method: string;
  url: string;
  what: string;
  body?: string | Buffer;
  contentType?: string;
  /** The input is one the API must refuse (a NUL, a huge string, an out-of-range number …). */
  mustRefuse: boolean;
}

describe('API fuzz: hostile input over every documented operation', () => {
  let stack: TestStack;
  let world: TwoConsortia;
  let document: OpenApiDocument;
  let operations: Operation[];

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    world = await createTwoConsortia(stack);
    document = (await stack.http.get('/api/docs-json')).body;
    operations = await listOperations(stack.http);
  });

  afterAll(() => stack?.close());

  function pathValues(fixture: TwoConsortia['a']): Record<string, string> {
    return {
      consortiumId: fixture.id,
      userId: fixture.target.userId,
      id: fixture.jobId,
      organizationId: fixture.organizationId,
      seatId: fixture.seatId,
      meetingId: fixture.meetingId,
      resolutionId: fixture.resolutionId,
      taskId: fixture.taskId,
      periodId: fixture.periodId,
      reportId: fixture.reportId,
      rollupId: fixture.rollupId,
      evidenceId: fixture.evidenceId,
      pointCode: 'D1.1',
      frameworkId: world.frameworkId,
      runId: fixture.runId,
      cooperationId: fixture.cooperationId,
      baseId: fixture.baseId,
      bookingId: fixture.bookingId,
      needId: fixture.needId,
      planId: fixture.planId,
      versionId: fixture.versionId,
      itemId: fixture.itemId,
      deliveryId: fixture.deliveryId,
      offeringId: fixture.offeringId,
      programmeCode: world.programmeCode,
      occupationCode: world.occupationCode,
      demandPostingId: fixture.demandPostingId,
      supplyPostingId: fixture.supplyPostingId,
      synonymId: fixture.synonymId,
    };
  }

  /** A plausible value for each field, with the fixture's ids for references, so a hostile field is the only fault. */
  function sampler(resolve: (s: Schema) => Schema, fixture: TwoConsortia['a']) {
    const ids: Record<string, string> = {
      organizationId: fixture.organizationId,
      assigneeOrganizationId: fixture.organizationId,
      seatId: fixture.seatId,
      proxySeatId: fixture.seatId,
      hostOrganizationId: fixture.organizationId,
    };
    const sample = (schema: Schema, name: string): unknown => {
      const own = resolve(schema);
      if (own.format === 'uuid') return ids[name] ?? randomUUID();
      if (own.example !== undefined) return own.example;
      if (own.enum) return own.enum[0];
      switch (own.type) {
        case 'object':
          return Object.fromEntries(Object.entries(own.properties ?? {}).map(([key, s]) => [key, sample(s, key)]));
        case 'array':
          return own.items ? [sample(own.items, name)] : [];
        case 'number':
        case 'integer':
          return own.minimum ?? 1;
        case 'boolean':
          return false;
        default:
          return own.format === 'date' ? chinaToday() : '样例'.padEnd(Math.max(own.minLength ?? 2, 2), '例');
      }
    };
    return sample;
  }

  const isDateLike = (field: Field, sampleValue: unknown) =>
    ['date', 'date-time'].includes(field.schema.format ?? '') ||
    (typeof sampleValue === 'string' && /^\d{4}-\d{2}-\d{2}/.test(sampleValue));

  function attemptsFor(caller: Caller, fixture: TwoConsortia['a'], random: () => number): Attempt[] {
    const resolve = resolver(document);
    const sample = sampler(resolve, fixture);
    const values = pathValues(fixture);
    const draw = <T>(list: T[]): T => list[Math.floor(random() * list.length)];
    /**
     * Every value with FUZZ_FULL. Otherwise, to stay within the time budget: one value of
     * each kind the field must refuse or is most exposed to, and every other time one of another kind.
     */
    const pick = <T extends { kind: Kind }>(list: T[], kinds: Kind[]): T[] => {
      if (FULL) return list;
      const others = [...new Set(list.map((v) => v.kind))].filter((kind) => !kinds.includes(kind));
      const extra = random() < 0.5 ? [draw(others)] : [];
      return [...kinds, ...extra].map((kind) => draw(list.filter((v) => v.kind === kind)));
    };
    const exposures = (schema: Schema, dateLike: boolean): Kind[] => {
      if (['number', 'integer'].includes(schema.type ?? '')) return ['number', 'huge'];
      if (schema.type !== 'string') return ['type', 'nul'];
      return [
        'nul',
        'huge',
        ...(dateLike ? (['date'] as const) : []),
        ...(schema.format === 'uuid' ? (['reference'] as const) : []),
      ];
    };
    const attempts: Attempt[] = [];
    for (const operation of operations) {
      const documented = document.paths[operation.path][operation.method.toLowerCase()];
      const url = fillPath(operation.path, values);
      const base = { caller, method: operation.method };
      // A route the caller may not call refuses before validation: its body and query are not reached.
      const admitted = ROUTE_ACCESS[operation.key]?.includes(caller) ?? true;

      const json = documented.requestBody?.content['application/json'];
      if (json && admitted) {
        const body = sample(json.schema, '');
        for (const field of fieldsOf(resolve, json.schema, body)) {
          const sampleValue = field.path.reduce<unknown>((v, key) => (v as Record<string, unknown>)?.[key], body);
          const numeric = ['number', 'integer'].includes(field.schema.type ?? '');
          for (const hostile of pick(HOSTILE_BODY_VALUES, exposures(field.schema, isDateLike(field, sampleValue)))) {
            attempts.push({
              ...base,
              url,
              what: `body ${field.path.join('.')} = ${hostile.label}`,
              body: toJson(withValue(body, field.path, hostile.value)),
              mustRefuse:
                hostile.kind === 'nul' ||
                hostile.kind === 'huge' ||
                (hostile.kind === 'number' && numeric) ||
                (hostile.kind === 'date' && isDateLike(field, sampleValue)),
            });
          }
        }
      }
      if (documented.requestBody) {
        for (const hostile of FULL ? HOSTILE_BODIES : HOSTILE_BODIES.filter(() => random() < 0.3)) {
          attempts.push({
            ...base,
            url,
            what: `whole body: ${hostile.label}`,
            body: hostile.raw,
            contentType: hostile.contentType ?? 'application/json',
            // `null` reads as an empty body, which a route whose fields are all optional accepts.
            mustRefuse: !['empty object', 'null'].includes(hostile.label),
          });
        }
      }
      for (const parameter of documented.parameters ?? []) {
        if (parameter.in === 'query' && admitted) {
          const schema = resolve(parameter.schema ?? {});
          const numeric = ['number', 'integer'].includes(schema.type ?? '');
          for (const hostile of pick(HOSTILE_URL_VALUES, exposures(schema, false))) {
            attempts.push({
              ...base,
              url: `${url}?${encodeURIComponent(parameter.name)}=${hostile.encoded}`,
              what: `query ${parameter.name} = ${hostile.label}`,
              mustRefuse: hostile.kind === 'nul' || hostile.kind === 'huge' || (hostile.kind === 'number' && numeric),
            });
          }
          attempts.push({
            ...base,
            url: `${url}?${parameter.name}=1&${parameter.name}=2`,
            what: `query ${parameter.name} given twice`,
            mustRefuse: false,
          });
        } else if (parameter.in === 'path') {
          for (const hostile of pick(HOSTILE_URL_VALUES, ['nul', 'huge', 'reference'])) {
            attempts.push({
              ...base,
              url: fillPath(operation.path, { ...values, [parameter.name]: hostile.encoded }),
              what: `path ${parameter.name} = ${hostile.label}`,
              // Whatever it is, it names no record of this consortium.
              mustRefuse: true,
              ...(json ? { body: toJson(sample(json.schema, '')) } : {}),
            });
          }
        }
      }
      if (documented.parameters?.some((p) => p.in === 'query')) {
        // Query parameters go through a DTO, which names what it does not know.
        attempts.push({
          ...base,
          url: `${url}?unexpected=1`,
          what: 'an undocumented query parameter',
          mustRefuse: true,
        });
      }
    }
    return attempts;
  }

  async function send(client: HttpClient, attempt: Attempt): Promise<string | undefined> {
    const headers: Record<string, string> = { authorization: `Bearer ${client.accessToken}` };
    const contentType = attempt.contentType ?? (attempt.body !== undefined ? 'application/json' : undefined);
    if (contentType) headers['content-type'] = contentType;
    const response = await fetch(`${client.baseUrl}${attempt.url}`, {
      method: attempt.method,
      headers,
      body: attempt.method === 'GET' ? undefined : attempt.body,
    });
    const text = await response.text();
    const where = `${attempt.caller} ${attempt.method} ${attempt.url.slice(0, 160)} — ${attempt.what}`;
    if (response.status >= 500) return `${where}: ${response.status} ${text.slice(0, 200)}`;
    if (attempt.mustRefuse && response.status < 400) return `${where}: accepted (${response.status})`;
    if (response.status >= 400) {
      let body: Record<string, unknown> | undefined;
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
      const requestId = response.headers.get('x-request-id');
      const wellFormed =
        body?.statusCode === response.status &&
        typeof body.error === 'string' &&
        typeof body.message === 'string' &&
        typeof body.requestId === 'string' &&
        body.requestId === requestId;
      if (!wellFormed) return `${where}: ${response.status} without the error body: ${text.slice(0, 200)}`;
      // A refusal names the field; it does not echo a huge value back.
      if (text.length > 4_096) return `${where}: ${response.status} echoes ${text.length} characters`;
    }
    return undefined;
  }

  async function run(client: HttpClient, attempts: Attempt[]): Promise<string[]> {
    const failures: string[] = [];
    let next = 0;
    const worker = async () => {
      while (next < attempts.length) {
        const attempt = attempts[next++];
        const failure = await send(client, attempt).catch((error: unknown) => `${attempt.what}: ${String(error)}`);
        if (failure) failures.push(failure);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    return failures;
  }

  it('walks the document: bodies with nested fields and arrays, query and path parameters', () => {
    const attempts = attemptsFor('platform_admin', world.b, seeded(SEED));
    const whats = attempts.map((a) => a.what);
    expect(operations.length).toBeGreaterThanOrEqual(40);
    expect(whats).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^body leadUnits\.government\.contacts\.0\.name = /),
        expect.stringMatching(/^body quorum\.numerator = /),
        expect.stringMatching(/^body entries\.0\.seatId = /),
        expect.stringMatching(/^query from = /),
        expect.stringMatching(/^path meetingId = /),
      ]),
    );
  });

  it.each([
    ['the platform admin, on consortium B', 'admin'],
    ['the secretariat of consortium A', 'secretariat'],
  ])(
    'gets no 5xx and only well-formed refusals as %s',
    async (_label, who) => {
      const client = who === 'admin' ? stack.admin : world.a.secretariat.http;
      const fixture = who === 'admin' ? world.b : world.a;
      // Each caller draws from its own stream, so the two runs do not depend on each other.
      const attempts = attemptsFor(
        who === 'admin' ? 'platform_admin' : 'secretariat',
        fixture,
        seeded(SEED + (who === 'admin' ? 0 : 1)),
      );
      const failures = await run(client, attempts);
      expect({
        seed: SEED,
        attempts: attempts.length,
        failures: failures.slice(0, 40),
        count: failures.length,
      }).toEqual({
        seed: SEED,
        attempts: attempts.length,
        failures: [],
        count: 0,
      });
    },
    // A bound, not a goal: alone on two cores each run takes well under 20 s.
    FULL ? 30 * 60_000 : 120_000,
  );
});
