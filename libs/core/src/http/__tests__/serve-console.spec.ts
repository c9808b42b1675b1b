import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { findConsoleDir, serveConsole } from '../serve-console';

@Module({})
class EmptyModule {}

describe('serveConsole', () => {
  it('finds dist/console beside the compiled app and under the repository', () => {
    const repo = mkdtempSync(join(tmpdir(), 'chanjiao-console-'));
    mkdirSync(join(repo, 'dist', 'console'), { recursive: true });
    writeFileSync(join(repo, 'dist', 'console', 'index.html'), '<!doctype html>');
    const compiled = join(repo, 'dist', 'apps', 'api', 'libs', 'core', 'src', 'http');
    const source = join(repo, 'libs', 'core', 'src', 'http');
    mkdirSync(compiled, { recursive: true });
    mkdirSync(source, { recursive: true });
    expect(findConsoleDir(compiled)).toBe(join(repo, 'dist', 'console'));
    expect(findConsoleDir(source)).toBe(join(repo, 'dist', 'console'));
    expect(findConsoleDir(mkdtempSync(join(tmpdir(), 'chanjiao-empty-')))).toBeUndefined();
  });

  it('says how to build the console when there is none, and leaves the API paths alone', async () => {
    const app = await NestFactory.create<NestFastifyApplication>(EmptyModule, new FastifyAdapter(), { logger: false });
    await serveConsole(app, undefined);
    await app.init();
    const fastify = app.getHttpAdapter().getInstance();
    try {
      const page = await fastify.inject({ method: 'GET', url: '/c/some-id/organizations' });
      expect(page.statusCode).toBe(503);
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.body).toContain('npm run build');
      const api = await fastify.inject({ method: 'GET', url: '/api/v1/nothing' });
      expect(api.statusCode).toBe(404);
      expect(api.headers['content-type']).toContain('application/json');
    } finally {
      await app.close();
    }
  });
});
