import { DB_ENGINE_NAMES } from '../kb/signatures/sql-errors.js';

/** The things fingerprinting can name: each part's list in `Stack`, its display name, what it implies. */

export const PART_KINDS = ['server', 'framework', 'language', 'auth', 'database'] as const;
export type PartKind = (typeof PART_KINDS)[number];

export interface PartDef {
  kind: PartKind;
  name: string;
}

export const PARTS = {
  // Servers and proxies in front.
  nginx: { kind: 'server', name: 'nginx' },
  apache: { kind: 'server', name: 'Apache httpd' },
  caddy: { kind: 'server', name: 'Caddy' },
  iis: { kind: 'server', name: 'Microsoft IIS' },
  envoy: { kind: 'server', name: 'Envoy' },
  cloudflare: { kind: 'server', name: 'Cloudflare' },
  cloudfront: { kind: 'server', name: 'Amazon CloudFront' },
  varnish: { kind: 'server', name: 'Varnish' },
  litespeed: { kind: 'server', name: 'LiteSpeed' },
  // Application servers.
  werkzeug: { kind: 'server', name: 'Werkzeug development server' },
  gunicorn: { kind: 'server', name: 'Gunicorn' },
  uvicorn: { kind: 'server', name: 'Uvicorn' },
  kestrel: { kind: 'server', name: 'Kestrel' },
  tomcat: { kind: 'server', name: 'Apache Tomcat' },
  jetty: { kind: 'server', name: 'Eclipse Jetty' },
  // Frameworks.
  flask: { kind: 'framework', name: 'Flask' },
  django: { kind: 'framework', name: 'Django' },
  fastapi: { kind: 'framework', name: 'FastAPI (Starlette)' },
  express: { kind: 'framework', name: 'Express' },
  fastify: { kind: 'framework', name: 'Fastify' },
  nextjs: { kind: 'framework', name: 'Next.js' },
  rails: { kind: 'framework', name: 'Ruby on Rails' },
  spring: { kind: 'framework', name: 'Spring Boot' },
  aspnet: { kind: 'framework', name: 'ASP.NET' },
  go: { kind: 'framework', name: 'Go net/http' },
  beego: { kind: 'framework', name: 'Beego' },
  fiber: { kind: 'framework', name: 'Fiber' },
  laravel: { kind: 'framework', name: 'Laravel' },
  // Languages.
  python: { kind: 'language', name: 'Python' },
  node: { kind: 'language', name: 'Node.js' },
  ruby: { kind: 'language', name: 'Ruby' },
  java: { kind: 'language', name: 'Java' },
  dotnet: { kind: 'language', name: 'C#/.NET' },
  golang: { kind: 'language', name: 'Go' },
  php: { kind: 'language', name: 'PHP' },
  // Authentication schemes seen.
  basic: { kind: 'auth', name: 'HTTP Basic' },
  digest: { kind: 'auth', name: 'HTTP Digest' },
  negotiate: { kind: 'auth', name: 'Negotiate/NTLM' },
  bearer: { kind: 'auth', name: 'Bearer token' },
  jwt: { kind: 'auth', name: 'JWT' },
  'api-key': { kind: 'auth', name: 'API key header' },
  'cookie-session': { kind: 'auth', name: 'Cookie session' },
  hmac: { kind: 'auth', name: 'HMAC-signed requests' },
  // Database engines, named by their error texts (kb/signatures/sql-errors.ts).
  postgresql: { kind: 'database', name: DB_ENGINE_NAMES.postgresql },
  cockroachdb: { kind: 'database', name: DB_ENGINE_NAMES.cockroachdb },
  mysql: { kind: 'database', name: DB_ENGINE_NAMES.mysql },
  sqlite: { kind: 'database', name: DB_ENGINE_NAMES.sqlite },
  mssql: { kind: 'database', name: DB_ENGINE_NAMES.mssql },
  oracle: { kind: 'database', name: DB_ENGINE_NAMES.oracle },
} as const satisfies Record<string, PartDef>;

export type PartId = keyof typeof PARTS;

/**
 * What a part brings with it: a framework its language, an application server its language.
 * An implication always points to a kind later in PART_KINDS, so one pass in that order settles all.
 */
export const IMPLIES: Partial<Record<PartId, readonly PartId[]>> = {
  werkzeug: ['python'],
  gunicorn: ['python'],
  uvicorn: ['python'],
  kestrel: ['dotnet'],
  tomcat: ['java'],
  jetty: ['java'],
  flask: ['python'],
  django: ['python'],
  fastapi: ['python'],
  express: ['node'],
  fastify: ['node'],
  nextjs: ['node'],
  rails: ['ruby'],
  spring: ['java'],
  aspnet: ['dotnet'],
  go: ['golang'],
  beego: ['golang'],
  fiber: ['golang'],
  laravel: ['php'],
};
