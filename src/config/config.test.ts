import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('has working defaults', () => {
    const c = loadConfig({});
    expect(c.server).toEqual({
      port: 4000,
      host: '127.0.0.1',
      graphiql: true,
      upstreamTrace: true,
      introspection: true,
      metrics: true,
      jit: true,
      maxRequestBodyBytes: 256 * 1024,
      maxUploadBytes: 8 * 1024 * 1024,
      batchingLimit: 0,
      corsOrigins: [],
      shutdownDelayMs: 5_000,
      shutdownGraceMs: 10_000,
    });
    expect(c.metrics).toEqual({ port: 9464, host: '127.0.0.1', maxOperationNames: 100 });
    expect(c.timeouts).toEqual({ requestTimeoutMs: 30_000, keepAliveTimeoutMs: 65_000, headersTimeoutMs: 20_000 });
    expect(c.upstream).toMatchObject({
      maxConcurrencyPerCaller: 64,
      maxConcurrencyPerOperation: 64,
      connections: 128,
      operationDeadlineMs: 15_000,
      maxResponseBytes: 16 * 1024 * 1024,
      maxUrlBytes: 6_000,
    });
    expect(c.limits).toEqual({ maxDepth: 8, maxAliases: 15, maxDirectives: 50, maxTokens: 1000, maxCost: 5000 });
    expect(c.upstream.apiUrl).toBeUndefined();
    expect(c.upstream.headersTimeoutMs).toBe(15_000);
  });

  it('normalises the upstream URL and parses booleans and lists', () => {
    const c = loadConfig({ WALDUR_API_URL: 'https://waldur.example.com/api', GRAPHIQL: 'false', UPSTREAM_FORWARD_HEADERS: 'X-Request-Id, Accept-Language' });
    expect(c.upstream.apiUrl).toBe('https://waldur.example.com/api/');
    expect(c.server.graphiql).toBe(false);
    expect(c.upstream.forwardHeaders).toEqual(['x-request-id', 'accept-language']);
  });

  it('reports every invalid variable at once, by name', () => {
    try {
      loadConfig({ PORT: 'abc', WALDUR_API_URL: 'not a url', LOG_LEVEL: 'loud', GRAPHIQL: 'maybe' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const names = (e as ConfigError).problems.map((p) => p.split(':')[0]);
      expect(names.sort()).toEqual(['GRAPHIQL', 'LOG_LEVEL', 'PORT', 'WALDUR_API_URL']);
    }
  });

  it('trusted documents: off without manifests, audit by default with them; enforce needs manifests; a short secret is refused', () => {
    expect(loadConfig({}).trustedDocuments).toEqual({ paths: [], mode: 'off', staff: false, secret: undefined });
    expect(loadConfig({ TRUSTED_DOCUMENTS: 'a.json, b.json', TRUSTED_DOCUMENTS_ARBITRARY: 'staff' }).trustedDocuments).toEqual({
      paths: ['a.json', 'b.json'],
      mode: 'audit',
      staff: true,
      secret: undefined,
    });
    expect(() => loadConfig({ TRUSTED_DOCUMENTS_MODE: 'enforce' })).toThrow('TRUSTED_DOCUMENTS_MODE: enforce needs TRUSTED_DOCUMENTS (the manifest files)');
    expect(() => loadConfig({ TRUSTED_DOCUMENTS_SECRET: 'short-secret' })).toThrow(
      'TRUSTED_DOCUMENTS_SECRET: must be at least 24 characters (got a value of 12 characters)',
    );
    expect(() => loadConfig({ TRUSTED_DOCUMENTS_SECRET: 'short-secret' })).not.toThrow(/short-secret/);
    expect(() => loadConfig({ TRUSTED_DOCUMENTS_ARBITRARY: 'everyone' })).toThrow('TRUSTED_DOCUMENTS_ARBITRARY: a comma-separated list of: staff (or none)');
  });

  it('refuses cookies (and connection headers) in UPSTREAM_FORWARD_HEADERS, and wildcard or "null" CORS origins', () => {
    for (const env of [
      { UPSTREAM_FORWARD_HEADERS: 'cookie' },
      { UPSTREAM_FORWARD_HEADERS: 'Accept-Language, Cookie' },
      { UPSTREAM_FORWARD_HEADERS: 'host' },
      { CORS_ORIGINS: '*' },
      { CORS_ORIGINS: 'https://*.example.com' },
      { CORS_ORIGINS: 'https://a.example.com,null' },
    ]) {
      expect(() => loadConfig(env), JSON.stringify(env)).toThrow(ConfigError);
    }
    expect(loadConfig({ CORS_ORIGINS: 'https://a.example.com, http://localhost:5173' }).server.corsOrigins).toEqual([
      'https://a.example.com',
      'http://localhost:5173',
    ]);
  });
});
