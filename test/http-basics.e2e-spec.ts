import { connect } from 'node:net';
import { randomUUID } from 'node:crypto';
import { AllExceptionsFilter, systemContext, TransactionService } from '@chanjiao/core';
import { insertConsortium, startTestStack, TestStack } from '@chanjiao/testing';

/** Sends a request line as raw bytes (as curl does with an unencoded URL); fetch would encode it. */
function rawRequest(baseUrl: string, requestLine: string): Promise<{ status: number; headers: string; body: any }> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () =>
      socket.write(Buffer.from(`${requestLine}\r\nHost: ${hostname}\r\nConnection: close\r\n\r\n`, 'utf8')),
    );
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const [headers, body] = Buffer.concat(chunks).toString('utf8').split('\r\n\r\n');
      resolve({ status: Number(headers.split(' ')[1]), headers, body: body ? JSON.parse(body) : undefined });
    });
  });
}

describe('HTTP basics', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack({ worker: false, env: { BODY_LIMIT_BYTES: '2048' } });
  });

  afterAll(() => stack?.close());

  it('answers liveness and readiness (database and queue backend)', async () => {
    const live = await stack.http.get('/health/live');
    expect(live.status).toBe(200);
    expect(live.body).toEqual({ status: 'ok' });

    const ready = await stack.http.get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.info.database.status).toBe('up');
    expect(ready.body.info.queue_postgres.status).toBe('up');
  });

  it('echoes a well-formed X-Request-Id and mints one otherwise', async () => {
    const echoed = await stack.http.get('/health/live', { headers: { 'x-request-id': 'client-req-42' } });
    expect(echoed.headers.get('x-request-id')).toBe('client-req-42');

    const minted = await stack.http.get('/health/live', { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(minted.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers an unknown route with 404 and the error body', async () => {
    const response = await stack.http.get('/api/v1/no-such-thing', { headers: { 'x-request-id': 'req-404' } });
    expect(response.status).toBe(404);
    expect(response.body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: expect.stringContaining('/api/v1/no-such-thing'),
      requestId: 'req-404',
    });
  });

  describe('bad input on PATCH /consortia/:id', () => {
    let consortiumId: string;

    beforeAll(async () => {
      consortiumId = (await insertConsortium(stack.db.ownerUrl)).id;
    });

    it('rejects malformed JSON with 400', async () => {
      const response = await stack.admin.patch(`/api/v1/consortia/${consortiumId}`, {
        rawBody: '{"name": "半个',
        headers: { 'content-type': 'application/json' },
      });
      expect(response.status).toBe(400);
      expect(response.body.statusCode).toBe(400);
      expect(response.body.message).toMatch(/JSON/);
      expect(response.body.requestId).toEqual(expect.any(String));
      expect(response.text).not.toMatch(/at .*\.js:\d+/);
    });

    it('rejects unknown fields, naming them', async () => {
      const response = await stack.admin.patch(`/api/v1/consortia/${consortiumId}`, {
        body: { name: '新名称联合体', colour: 'red' },
      });
      expect(response.status).toBe(400);
      expect(response.body.message).toContain('property colour should not exist');
      expect(response.body.details.fields).toEqual([
        { field: 'colour', problems: ['property colour should not exist'] },
      ]);
    });

    it('rejects wrong types, naming the field', async () => {
      const response = await stack.admin.patch(`/api/v1/consortia/${consortiumId}`, { body: { name: 42 } });
      expect(response.status).toBe(400);
      expect(response.body.details.fields[0].field).toBe('name');
      expect(response.body.message).toContain('name must be a string');
    });

    it('treats a malformed consortium id like an unknown consortium (404)', async () => {
      const response = await stack.admin.patch('/api/v1/consortia/not-a-uuid', { body: { name: '新名称联合体' } });
      expect(response.status).toBe(404);
      expect(response.body.details.code).toBe('not_found');
    });

    it('rejects another malformed path id with 400, naming it', async () => {
      const response = await stack.admin.get(`/api/v1/consortia/${consortiumId}/users/not-a-uuid`);
      expect(response.status).toBe(400);
      expect(response.body.message).toMatch(/uuid/i);
    });

    it('rejects an oversized body with 413', async () => {
      const response = await stack.admin.patch(`/api/v1/consortia/${consortiumId}`, {
        body: { nameEn: 'x'.repeat(5000) },
      });
      expect(response.status).toBe(413);
      expect(response.body).toMatchObject({
        statusCode: 413,
        error: 'Payload Too Large',
        message: 'Request body is too large',
      });
    });

    it('rejects a non-JSON content type with 415, saying what the route accepts', async () => {
      const response = await stack.admin.patch(`/api/v1/consortia/${consortiumId}`, {
        rawBody: 'name=x',
        headers: { 'content-type': 'text/plain' },
      });
      expect(response.status).toBe(415);
      expect(response.body).toMatchObject({
        statusCode: 415,
        message: 'Unsupported content type "text/plain": this route accepts application/json',
        details: { code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE', accepted: ['application/json'] },
      });
    });

    it('applies a valid change and reads it back', async () => {
      const response = await stack.admin.patch(`/api/v1/consortia/${consortiumId}`, {
        body: { name: '无锡物联网市域产教联合体' },
      });
      expect(response.status).toBe(200);
      expect(response.body.name).toBe('无锡物联网市域产教联合体');
      const read = await stack.admin.get(`/api/v1/consortia/${consortiumId}`);
      expect(read.body.name).toBe('无锡物联网市域产教联合体');
    });
  });

  describe('bad input that reached PostgreSQL before (400 naming the field, never 500)', () => {
    let consortiumId: string;

    beforeAll(async () => {
      consortiumId = (await insertConsortium(stack.db.ownerUrl)).id;
    });

    it.each<[string, string, string, unknown, string]>([
      ['an impossible date filter', 'GET', 'audit-log?from=2024-02-30', undefined, 'from'],
      [
        'an ISO week date',
        'POST',
        'council/meetings',
        { kind: 'plenary', title: '第一次全体会议', scheduledAt: '2026-W50' },
        'scheduledAt',
      ],
      [
        'a quorum beyond int4',
        'PATCH',
        'council',
        { quorum: { numerator: 3_000_000_000, denominator: 3_000_000_001 } },
        'quorum.numerator',
      ],
      ['a rank beyond int4', 'PATCH', '', { parkProvinceRank: 3_000_000_000 }, 'parkProvinceRank'],
      ['a rank of 1e308', 'PATCH', '', { parkProvinceRank: 1e308 }, 'parkProvinceRank'],
      [
        'a NUL byte in a nested field',
        'POST',
        'organizations',
        { type: 'other', name: '某单位', contacts: [{ name: '张\u0000伟' }] },
        'contacts.0.name',
      ],
      ['a NUL byte in a query value', 'GET', 'organizations?q=%00', undefined, 'q'],
      ['a lone surrogate', 'POST', 'users', { email: '\ud800', displayName: '李华', role: 'observer' }, 'email'],
    ])('%s', async (_label, method, path, body, field) => {
      const url = `/api/v1/consortia/${consortiumId}${path && !path.startsWith('?') ? `/${path}` : path}`;
      const response = await stack.admin.request(method, url, body === undefined ? {} : { body });
      expect(response.status).toBe(400);
      expect(response.body.details.fields.map((f: { field: string }) => f.field)).toContain(field);
      expect(response.body.requestId).toBe(response.headers.get('x-request-id'));
    });

    it('refuses a NUL byte in the consortia list filters, naming the parameter', async () => {
      const response = await stack.admin.get('/api/v1/consortia?q=x&province=%00');
      expect(response.status).toBe(400);
      expect(response.body.details.fields).toEqual([
        { field: 'province', problems: ['province must not contain NUL characters (\\u0000)'] },
      ]);
    });

    it('refuses bodies nested deeper than any DTO with 400, not a stack overflow', async () => {
      const response = await stack.admin.patch(`/api/v1/consortia/${consortiumId}`, {
        rawBody: `{"leadingIndustries":${'['.repeat(900)}${']'.repeat(900)}}`,
        headers: { 'content-type': 'application/json' },
      });
      expect(response.status).toBe(400);
      expect(response.body.message).toMatch(/nested more than 32 levels deep/);
    });
  });

  describe('what Node and the router refuse gets the one error body with a request id', () => {
    it('answers a URL curl sent unencoded (?q=C34|机器人) with 400 saying to percent-encode it', async () => {
      const response = await rawRequest(stack.http.baseUrl, 'GET /api/v1/meta/industries?q=C34|机器人 HTTP/1.1');
      expect(response.status).toBe(400);
      expect(response.body).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        message: expect.stringContaining('must be percent-encoded'),
        details: { code: 'HPE_INVALID_URL' },
        requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      });
      expect(response.headers).toContain(`X-Request-Id: ${response.body.requestId}`);
      // Encoded, the same query answers.
      const encoded = await stack.http.get(`/api/v1/meta/industries?q=${encodeURIComponent('C34|机器人')}`);
      expect(encoded.status).toBe(200);
    });

    it('answers headers past the size limit with 431', async () => {
      const response = await stack.http.get(`/api/v1/meta/industries?q=${'x'.repeat(20_000)}`);
      expect(response.status).toBe(431);
      expect(response.body).toMatchObject({ statusCode: 431, requestId: response.headers.get('x-request-id') });
    });

    it.each([
      ['a malformed percent-encoding in the path', '/api/v1/consortia/%E4%B8', 400, 'FST_ERR_BAD_URL'],
      [
        'a path parameter past the router limit',
        `/api/v1/consortia/${'x'.repeat(500)}`,
        414,
        'FST_ERR_MAX_PARAM_LENGTH',
      ],
    ])('answers %s', async (_label, path, status, code) => {
      const response = await stack.admin.get(path, { headers: { 'x-request-id': `router-${status}` } });
      expect(response.status).toBe(status);
      expect(response.body).toMatchObject({ statusCode: status, details: { code }, requestId: `router-${status}` });
      expect(response.headers.get('x-request-id')).toBe(`router-${status}`);
      expect(response.text).not.toContain('xxxxxxxxxx');
    });
  });

  describe('PostgreSQL errors that slip through answer 4xx/503, never the SQL (real errors, real database)', () => {
    let tx: TransactionService;
    let consortiumId: string;
    const filter = new AllExceptionsFilter();

    beforeAll(async () => {
      tx = stack.api.get(TransactionService);
      consortiumId = (await insertConsortium(stack.db.ownerUrl)).id;
    });

    /** The error body the filter makes of what PostgreSQL answers to `sql`, run as the application under the tenant. */
    async function bodyFor(sql: string, parameters: unknown[] = []) {
      const error = await tx
        .run(systemContext({ consortiumId }), (m) => m.query(sql, parameters))
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(error).toBeDefined();
      return { body: filter.toBody(error, 'req-db'), retryAfter: filter.retryAfterSeconds(error) };
    }

    const organization = (name: string): [string, unknown[]] => [
      `INSERT INTO organization (id, consortium_id, type, name) VALUES ($1, $2, 'other', $3)`,
      [randomUUID(), consortiumId, name],
    ];

    it.each<[string, () => readonly [string, unknown[]], number, Record<string, unknown>]>([
      ['an int4 overflow', () => [`SELECT $1::int`, ['3000000000']], 400, { code: 'invalid_value', sqlstate: '22003' }],
      [
        'an impossible date',
        () => [`SELECT $1::date`, ['2024-02-30']],
        400,
        { code: 'invalid_value', sqlstate: '22008' },
      ],
      [
        'an ISO week date',
        () => [`SELECT $1::timestamptz`, ['2026-W50']],
        400,
        { code: 'invalid_value', sqlstate: '22007' },
      ],
      ['a NUL byte', () => [`SELECT $1::text`, ['a\u0000b']], 400, { code: 'invalid_value', sqlstate: '22021' }],
      ['a malformed uuid', () => [`SELECT $1::uuid`, ['x']], 400, { code: 'invalid_value', sqlstate: '22P02' }],
      [
        'a check constraint',
        () => [`UPDATE consortium SET park_province_rank = 0 WHERE id = $1`, [consortiumId]],
        422,
        {
          code: 'constraint_violated',
          sqlstate: '23514',
          constraint: 'consortium_park_province_rank_check',
          fields: ['parkProvinceRank'],
        },
      ],
      [
        'a missing required value',
        () => [
          `INSERT INTO organization (id, consortium_id, type) VALUES ($1, $2, 'other')`,
          [randomUUID(), consortiumId],
        ],
        422,
        { code: 'required', sqlstate: '23502', fields: ['name'] },
      ],
      [
        'a reference to nothing',
        () => [
          `INSERT INTO council_seat (consortium_id, organization_id, person_name, role, term_start, term_end)
           VALUES ($1, $2, '某人', 'director', '2026-01-01', '2027-01-01')`,
          [consortiumId, randomUUID()],
        ],
        422,
        { code: 'unknown_reference', sqlstate: '23503', fields: ['organizationId'] },
      ],
    ])('%s', async (_label, statement, status, details) => {
      const [sql, parameters] = statement();
      const { body } = await bodyFor(sql, parameters);
      expect(body).toMatchObject({ statusCode: status, details, requestId: 'req-db' });
      expect(JSON.stringify(body)).not.toMatch(/SELECT|INSERT|UPDATE|3000000000|2024-02-30/);
    });

    it('a duplicate (unique violation) → 409 naming the field', async () => {
      const name = `重复单位-${randomUUID().slice(0, 6)}`;
      await tx.run(systemContext({ consortiumId }), (m) => m.query(...organization(name)));
      const { body } = await bodyFor(...organization(name));
      expect(body).toEqual({
        statusCode: 409,
        error: 'Conflict',
        message: 'A record with the same name already exists',
        details: { code: 'already_exists', sqlstate: '23505', constraint: 'organization_name_key', fields: ['name'] },
        requestId: 'req-db',
      });
    });

    it('reruns a transaction PostgreSQL chose as a deadlock victim, once, and both commit', async () => {
      const [x, y] = [`deadlock-${randomUUID()}-x`, `deadlock-${randomUUID()}-y`];
      const attempts = { a: 0, b: 0 };
      let arrive!: () => void;
      const bothHoldOne = new Promise<void>((resolve) => {
        let waiting = 2;
        arrive = () => (--waiting === 0 ? resolve() : undefined);
      });
      // Each takes one lock, waits until the other holds its own, then wants the other's: a real deadlock.
      // PostgreSQL aborts one (40P01); the retry runs it again after the other has committed.
      const crossing = (key: 'a' | 'b', own: string, other: string) =>
        tx.run(systemContext({ consortiumId }), async (m) => {
          attempts[key] += 1;
          await m.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [own]);
          if (attempts[key] === 1) {
            arrive();
            await bothHoldOne;
          }
          await m.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [other]);
          return key;
        });
      await expect(Promise.all([crossing('a', x, y), crossing('b', y, x)])).resolves.toEqual(['a', 'b']);
      expect(attempts.a + attempts.b).toBe(3);
    });

    it('answers 503 with Retry-After when the conflict persists after the retry', async () => {
      let runs = 0;
      const error = await tx
        .run(systemContext({ consortiumId }), async (m) => {
          runs += 1;
          await m.query(
            `DO $$ BEGIN RAISE EXCEPTION 'could not serialize access' USING ERRCODE = 'serialization_failure'; END $$`,
          );
        })
        .catch((e: unknown) => e);
      expect(runs).toBe(2);
      expect(filter.toBody(error, 'req-db')).toMatchObject({
        statusCode: 503,
        error: 'Service Unavailable',
        details: { code: 'transaction_conflict', sqlstate: '40001' },
      });
      expect(filter.retryAfterSeconds(error)).toBe(1);
    });
  });

  it('sets security headers', async () => {
    const response = await stack.http.get('/health/live');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('serves the OpenAPI document and Swagger UI', async () => {
    const document = await stack.http.get('/api/docs-json');
    expect(document.status).toBe(200);
    expect(document.body.openapi).toMatch(/^3\./);
    expect(Object.keys(document.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/jobs/{id}', '/api/v1/consortia/{consortiumId}', '/api/v1/meta/enums']),
    );
    const ui = await stack.http.get('/api/docs');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger');
  });

  it('documents a response schema for every operation (204s aside), so clients can be generated', async () => {
    const document = await stack.http.get('/api/docs-json');
    const untyped: string[] = [];
    for (const [path, operations] of Object.entries<Record<string, { responses?: Record<string, any> }>>(
      document.body.paths,
    )) {
      for (const [method, operation] of Object.entries(operations)) {
        const success = Object.entries(operation.responses ?? {}).filter(([code]) => code.startsWith('2'));
        const typed = success.some(
          ([code, response]) =>
            code === '204' || Object.values<{ schema?: unknown }>(response.content ?? {}).some((c) => c.schema),
        );
        if (!typed) untyped.push(`${method.toUpperCase()} ${path}`);
      }
    }
    expect(untyped).toEqual([]);
  });

  it('serves the GB/T 4754-2017 industry codes for pickers, by code prefix or name', async () => {
    const byCode = await stack.http.get('/api/v1/meta/industries?q=c349');
    expect(byCode.status).toBe(200);
    expect(byCode.body.items.map((i: { code: string }) => i.code)).toEqual([
      'C349',
      'C3491',
      'C3492',
      'C3493',
      'C3499',
    ]);
    const byName = await stack.http.get(`/api/v1/meta/industries?q=${encodeURIComponent('机器人')}&level=class`);
    expect(byName.body.items).toContainEqual({ code: 'C3491', name: '工业机器人制造', level: 'class' });
    const sections = await stack.http.get('/api/v1/meta/industries?level=section&limit=100');
    expect(sections.body.items).toHaveLength(20);
    for (const [query, field] of [
      ['level=subclass', 'level'],
      ['limit=0', 'limit'],
      ['limit=many', 'limit'],
    ]) {
      const bad = await stack.http.get(`/api/v1/meta/industries?${query}`);
      expect({
        query,
        status: bad.status,
        fields: bad.body.details.fields.map((f: { field: string }) => f.field),
      }).toEqual({
        query,
        status: 400,
        fields: [field],
      });
    }
  });

  it('serves enum labels in zh-CN and en', async () => {
    const response = await stack.http.get('/api/v1/meta/enums');
    expect(response.status).toBe(200);
    const status = response.body.enums.find((e: { name: string }) => e.name === 'ConsortiumStatus');
    expect(status.values).toContainEqual({ value: 'planning', labels: { 'zh-CN': '筹建中', en: 'Planning' } });
    for (const description of response.body.enums) {
      for (const value of description.values) {
        expect(value.labels['zh-CN']).toEqual(expect.any(String));
        expect(value.labels.en).toEqual(expect.any(String));
      }
    }
  });
});
