import { insertConsortium, startTestStack, TestStack } from '@chanjiao/testing';

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

    it('rejects a non-JSON content type with 415', async () => {
      const response = await stack.admin.patch(`/api/v1/consortia/${consortiumId}`, {
        rawBody: 'name=x',
        headers: { 'content-type': 'text/plain' },
      });
      expect(response.status).toBe(415);
      expect(response.body.statusCode).toBe(415);
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
