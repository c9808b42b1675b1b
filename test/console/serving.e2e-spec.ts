import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { findConsoleDir } from '@chanjiao/core/http/serve-console';
import { startTestStack, TestStack } from '@chanjiao/testing';

const consoleDir = findConsoleDir();
const describeBuilt = consoleDir ? describe : describe.skip;

describeBuilt('the API serves the built console', () => {
  let stack: TestStack;
  const script = consoleDir ? readdirSync(join(consoleDir, 'assets')).find((f) => /^index-.*\.js$/.test(f)) : undefined;

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('answers / with index.html, never cached, under the console’s strict CSP', async () => {
    const response = await stack.http.get('/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(response.text).toContain('<div id="root"></div>');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    const csp = response.headers.get('content-security-policy') as string;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("script-src 'self' 'unsafe-inline'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff'); // helmet still runs
  });

  it('falls back to index.html for the console’s own routes', async () => {
    const response = await stack.http.get('/c/00000000-0000-4000-8000-00000000c0de/organizations?type=enterprise');
    expect(response.status).toBe(200);
    expect(response.text).toContain('<div id="root"></div>');
  });

  it('serves hashed assets as immutable, compressed when asked', async () => {
    const plain = await stack.http.get(`/assets/${script}`);
    expect(plain.status).toBe(200);
    expect(plain.headers.get('content-type')).toContain('javascript');
    expect(plain.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const compressed = await fetch(`${stack.http.baseUrl}/assets/${script}`, { headers: { 'accept-encoding': 'br' } });
    expect(compressed.headers.get('content-encoding')).toBe('br');
  });

  it('keeps JSON 404s for unknown API, health and asset paths', async () => {
    for (const path of ['/api/v1/no-such-thing', '/api/no-such-thing', '/health/no-such-thing', '/assets/missing.js']) {
      const response = await stack.http.get(path);
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
      expect(response.body).toMatchObject({ statusCode: 404, requestId: expect.any(String) });
    }
  });

  it('leaves Swagger UI and its inline scripts working', async () => {
    const response = await stack.http.get('/api/docs');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self' 'unsafe-inline'");
    expect((await stack.http.get('/api/docs-json')).status).toBe(200);
  });
});
