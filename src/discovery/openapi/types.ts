/**
 * What the scan learned from an OpenAPI (3.0, 3.1) or Swagger (2.0) document: `site.api`.
 * Checks read this to judge each documented operation against the running service.
 */
import type { Exchange } from '../../types.js';

/** A JSON Schema object as the spec writes it (after `$ref` resolution; a cycle stays a `{ $ref }`). */
export type Schema = Record<string, unknown>;

export type SpecVersion = '2.0' | '3.0' | '3.1';

export interface SecurityScheme {
  /** `http`, `apiKey`, `oauth2`, `openIdConnect` or `mutualTLS` (Swagger's `basic` becomes `http` + `basic`). */
  type: string;
  /** For `http`: the lower-case scheme, `bearer` or `basic`. */
  scheme?: string;
  /** For `apiKey`: where the key travels. */
  in?: 'header' | 'query' | 'cookie';
  /** For `apiKey`: the header, query parameter or cookie name. */
  name?: string;
  bearerFormat?: string;
}

/** One scheme a requirement names, with the scopes it asks for (its definition when the spec has one). */
export interface SecurityUse {
  name: string;
  scopes: string[];
  scheme?: SecurityScheme;
}

/** Every scheme of one requirement must hold at once; an empty requirement lets anyone in. */
export type SecurityRequirement = SecurityUse[];

/**
 * What the spec says about credentials for an operation:
 * - `required`: every alternative needs credentials;
 * - `optional`: one alternative is empty (`{}`), so anonymous callers are allowed too;
 * - `public`: `security: []` (on the operation, or globally with no override);
 * - `undeclared`: the spec says nothing about security at all.
 */
export type AuthDeclaration = 'required' | 'optional' | 'public' | 'undeclared';

export interface ApiParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  schema?: Schema;
  /** The parameter's own example, when it has one (OpenAPI puts examples beside the schema). */
  example?: unknown;
}

export interface ApiResponse {
  /** `200`, `2XX` or `default`, as the spec writes it. */
  status: string;
  mediaTypes: string[];
  /** Property paths of the body's schema (depth ≤ 4): `id`, `owner.email`, `items[].password_hash`. */
  fields: string[];
}

export interface ApiRequestBody {
  /** The media type Parapet would send (JSON first, then form encodings). */
  mediaType: string;
  required: boolean;
  schema?: Schema;
  /** Property paths of the body's schema, as for responses. */
  fields: string[];
}

/** A request ready for the engine (`ctx.request({...plan, identity})`). */
export interface PlannedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

/** An operation as the document describes it, before base URLs and request plans. */
export interface DocumentedOperation {
  /** `GET /users/{id}`: the method and the path template as the spec writes them. */
  key: string;
  method: string;
  /** The path as the spec writes it (without the server's base path). */
  pathTemplate: string;
  operationId?: string;
  summary?: string;
  tags: string[];
  deprecated: boolean;
  /** Resolved requirements (alternatives); `[]` means explicitly public; absent when undeclared. */
  security?: SecurityRequirement[];
  auth: AuthDeclaration;
  parameters: ApiParameter[];
  requestBody?: ApiRequestBody;
  responses: ApiResponse[];
}

export interface ApiOperation extends DocumentedOperation {
  /** The template on the scanned origin, base path included: `http://host/api/users/{id}`. */
  url: string;
  /** The request Parapet built for it (first values); `planRequest(op, n)` builds others. */
  request?: PlannedRequest;
  /** Why no request could be built, when none was. */
  unplannable?: string;
  /** The response the scan's own run got (with the scan's credentials), when it was sent. */
  exchange?: Exchange;
  /** Why it was not sent, when it was not. */
  skipped?: string;
}

export interface ApiDescription {
  /** Where the document came from: a file path or URL as given, or the URL where it was found. */
  source: string;
  origin: 'file' | 'url' | 'discovered';
  /** The response that carried the document, when it came over HTTP. */
  exchange?: Exchange;
  version: SpecVersion;
  title: string;
  /** The base every operation's URL starts with (the target's origin, the chosen server's path). */
  baseUrl: string;
  /** The servers the document names (variables filled with their defaults). */
  servers: string[];
  securitySchemes: Record<string, SecurityScheme>;
  operations: ApiOperation[];
}

/** The report's account of the documented operations: how many were planned, sent, and left out. */
export interface OperationsCoverage {
  /** Where the document came from (file path or URL). */
  source: string;
  /** Operations the document lists. */
  planned: number;
  /** Operations Parapet sent a request for. */
  run: number;
  /** Operations it did not send. */
  skipped: number;
  /** Why operations were left out, with a few of them (`DELETE /users/{id}`). */
  reasons: Array<{ reason: string; count: number; operations: string[] }>;
}
