/**
 * The dereferenced document → operations, in one shape for Swagger 2.0 and OpenAPI 3.x. Only what
 * Parapet reads is checked, and a part of the wrong type is a PARAPET_SPEC error naming its pointer.
 */
import { specError } from './load.js';
import { isObject, pointer } from './pointer.js';
import type {
  ApiParameter,
  ApiRequestBody,
  ApiResponse,
  AuthDeclaration,
  DocumentedOperation,
  Schema,
  SecurityRequirement,
  SecurityScheme,
  SpecVersion,
} from './types.js';

const METHODS_3 = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
const METHODS_2 = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'] as const;
const PARAM_IN_3 = ['path', 'query', 'header', 'cookie'];
const PARAM_IN_2 = ['path', 'query', 'header', 'body', 'formData'];
/** Swagger 2.0 keeps a parameter's schema keywords on the parameter itself. */
const SWAGGER_SCHEMA_KEYS = [
  'type',
  'format',
  'items',
  'enum',
  'default',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'pattern',
  'minItems',
  'maxItems',
  'collectionFormat',
];
const FIELD_DEPTH = 4;
const MAX_FIELDS = 200;

/** An operation as readModel reads it: what the document describes, and the servers it names. */
export interface SpecOperation extends DocumentedOperation {
  /** Servers named on the path item or the operation (OpenAPI 3), which override the document's. */
  servers?: unknown[];
}

export interface SpecModel {
  title: string;
  securitySchemes: Record<string, SecurityScheme>;
  /** Schemes declared but named by no requirement. */
  unusedSchemes: string[];
  operations: SpecOperation[];
}

export function readModel(doc: Record<string, unknown>, version: SpecVersion, label: string): SpecModel {
  const fail = (tokens: readonly (string | number)[], what: string) =>
    specError(label, pointer(tokens), what);
  const info = isObject(doc.info) ? doc.info : {};
  const title = typeof info.title === 'string' ? info.title : '';
  const securitySchemes = readSchemes(doc, version, fail);
  const used = new Set<string>();
  const globalSecurity =
    doc.security === undefined
      ? undefined
      : readSecurity(doc.security, ['security'], securitySchemes, used, fail);

  const operations: SpecOperation[] = [];
  const paths = doc.paths;
  if (paths !== undefined && !isObject(paths)) throw fail(['paths'], 'must be an object of paths');
  const methods: readonly string[] = version === '2.0' ? METHODS_2 : METHODS_3;
  for (const [path, item] of Object.entries(paths ?? {})) {
    if (path.startsWith('x-')) continue;
    if (!path.startsWith('/')) throw fail(['paths', path], 'a path must start with "/"');
    if (!isObject(item)) throw fail(['paths', path], 'a path item must be an object');
    const shared = readParameters(item.parameters, ['paths', path, 'parameters'], version, fail);
    for (const method of methods) {
      const op = item[method];
      if (op === undefined) continue;
      const at = ['paths', path, method];
      if (!isObject(op)) throw fail(at, 'an operation must be an object');
      const own = readParameters(op.parameters, [...at, 'parameters'], version, fail);
      const params = mergeParameters(shared, own);
      const security =
        op.security === undefined
          ? globalSecurity
          : readSecurity(op.security, [...at, 'security'], securitySchemes, used, fail);
      const consumes = stringList(op.consumes ?? doc.consumes);
      const body =
        version === '2.0'
          ? swaggerBody(params, consumes)
          : openApiBody(op.requestBody, [...at, 'requestBody'], fail);
      const servers = Array.isArray(op.servers)
        ? op.servers
        : Array.isArray(item.servers)
          ? item.servers
          : [];
      operations.push({
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        pathTemplate: path,
        ...(typeof op.operationId === 'string' ? { operationId: op.operationId } : {}),
        ...(typeof op.summary === 'string' ? { summary: op.summary } : {}),
        tags: stringList(op.tags),
        deprecated: op.deprecated === true,
        ...(security !== undefined ? { security } : {}),
        auth: authDeclaration(security),
        parameters: params.flatMap(({ raw: _raw, ...p }) =>
          p.in === 'body' || p.in === 'formData' ? [] : [{ ...p, in: p.in as ApiParameter['in'] }],
        ),
        ...(body ? { requestBody: body } : {}),
        responses: readResponses(op.responses, version, [...at, 'responses'], fail),
        ...(servers.length > 0 ? { servers } : {}),
      });
    }
  }
  const unusedSchemes = Object.keys(securitySchemes).filter((name) => !used.has(name));
  return { title, securitySchemes, unusedSchemes, operations };
}

type Fail = (tokens: readonly (string | number)[], what: string) => Error;

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function readSchemes(
  doc: Record<string, unknown>,
  version: SpecVersion,
  fail: Fail,
): Record<string, SecurityScheme> {
  const tokens = version === '2.0' ? ['securityDefinitions'] : ['components', 'securitySchemes'];
  const holder =
    version === '2.0'
      ? doc.securityDefinitions
      : isObject(doc.components)
        ? doc.components.securitySchemes
        : undefined;
  if (holder === undefined) return {};
  if (!isObject(holder)) throw fail(tokens, 'must be an object of security schemes');
  const out: Record<string, SecurityScheme> = {};
  for (const [name, raw] of Object.entries(holder)) {
    if (!isObject(raw) || typeof raw.type !== 'string')
      throw fail([...tokens, name], 'a security scheme needs a "type"');
    const scheme: SecurityScheme = { type: raw.type };
    if (raw.type === 'basic') {
      scheme.type = 'http';
      scheme.scheme = 'basic';
    }
    if (typeof raw.scheme === 'string') scheme.scheme = raw.scheme.toLowerCase();
    if (raw.in === 'header' || raw.in === 'query' || raw.in === 'cookie') scheme.in = raw.in;
    if (typeof raw.name === 'string') scheme.name = raw.name;
    if (typeof raw.bearerFormat === 'string') scheme.bearerFormat = raw.bearerFormat;
    out[name] = scheme;
  }
  return out;
}

function readSecurity(
  value: unknown,
  tokens: readonly (string | number)[],
  schemes: Record<string, SecurityScheme>,
  used: Set<string>,
  fail: Fail,
): SecurityRequirement[] {
  if (!Array.isArray(value)) throw fail(tokens, 'must be a list of security requirements');
  return value.map((req, i) => {
    if (!isObject(req)) throw fail([...tokens, i], 'a security requirement must be an object');
    return Object.entries(req).map(([name, scopes]) => {
      used.add(name);
      const scheme = schemes[name];
      return { name, scopes: stringList(scopes), ...(scheme ? { scheme } : {}) };
    });
  });
}

function authDeclaration(security: SecurityRequirement[] | undefined): AuthDeclaration {
  if (security === undefined) return 'undeclared';
  if (security.length === 0) return 'public';
  return security.some((alt) => alt.length === 0) ? 'optional' : 'required';
}

type RawParameter = Omit<ApiParameter, 'in'> & { in: string; raw: Record<string, unknown> };

function readParameters(
  value: unknown,
  tokens: readonly (string | number)[],
  version: SpecVersion,
  fail: Fail,
): RawParameter[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw fail(tokens, 'must be a list of parameters');
  const allowed = version === '2.0' ? PARAM_IN_2 : PARAM_IN_3;
  return value.map((p, i) => {
    if (!isObject(p)) throw fail([...tokens, i], 'a parameter must be an object');
    if (typeof p.name !== 'string') throw fail([...tokens, i, 'name'], 'a parameter needs a name');
    if (typeof p.in !== 'string' || !allowed.includes(p.in)) {
      throw fail(
        [...tokens, i, 'in'],
        `must be one of ${allowed.join(', ')}${p.in === undefined ? '' : `, not ${JSON.stringify(p.in)}`}`,
      );
    }
    let schema: Schema | undefined;
    if (isObject(p.schema)) schema = p.schema;
    else if (version === '2.0' && p.in !== 'body') {
      schema = {};
      for (const key of SWAGGER_SCHEMA_KEYS) if (p[key] !== undefined) schema[key] = p[key];
    } else if (version !== '2.0' && isObject(p.content)) {
      const first = Object.values(p.content)[0];
      if (isObject(first) && isObject(first.schema)) schema = first.schema;
    }
    const example = parameterExample(p);
    return {
      name: p.name,
      in: p.in,
      required: p.required === true || p.in === 'path',
      ...(schema ? { schema } : {}),
      ...(example !== undefined ? { example } : {}),
      raw: p,
    };
  });
}

function parameterExample(p: Record<string, unknown>): unknown {
  if (p.example !== undefined) return p.example;
  if (isObject(p.examples)) {
    for (const ex of Object.values(p.examples)) if (isObject(ex) && ex.value !== undefined) return ex.value;
  }
  if (p['x-example'] !== undefined) return p['x-example'];
  return undefined;
}

/** The operation's parameters override the path item's with the same name and location. */
function mergeParameters(shared: RawParameter[], own: RawParameter[]): Array<RawParameter> {
  const key = (p: RawParameter) => `${p.in}\n${p.name}`;
  const ownKeys = new Set(own.map(key));
  return [...shared.filter((p) => !ownKeys.has(key(p))), ...own].map((p) => ({ ...p }));
}

function swaggerBody(params: RawParameter[], consumes: string[]): ApiRequestBody | undefined {
  const body = params.find((p) => p.in === 'body');
  if (body) {
    const schema = isObject(body.raw.schema) ? body.raw.schema : undefined;
    const mediaType =
      pickMediaType(consumes.length > 0 ? consumes : ['application/json']) ?? 'application/json';
    return {
      mediaType,
      required: body.required,
      ...(schema ? { schema } : {}),
      fields: schemaFields(schema),
    };
  }
  const form = params.filter((p) => p.in === 'formData');
  if (form.length === 0) return undefined;
  const properties: Record<string, unknown> = {};
  for (const p of form) properties[p.name] = p.schema ?? {};
  const schema: Schema = {
    type: 'object',
    properties,
    required: form.filter((p) => p.required).map((p) => p.name),
  };
  const hasFile = form.some((p) => p.schema?.type === 'file');
  const mediaType =
    hasFile || (consumes.length > 0 && consumes.every((c) => c.startsWith('multipart/')))
      ? 'multipart/form-data'
      : 'application/x-www-form-urlencoded';
  return { mediaType, required: form.some((p) => p.required), schema, fields: schemaFields(schema) };
}

function openApiBody(
  value: unknown,
  tokens: readonly (string | number)[],
  fail: Fail,
): ApiRequestBody | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value)) throw fail(tokens, 'a request body must be an object');
  const content = value.content;
  if (content === undefined) return undefined;
  if (!isObject(content)) throw fail([...tokens, 'content'], 'must be an object of media types');
  const mediaType = pickMediaType(Object.keys(content));
  if (!mediaType) return undefined;
  const media = content[mediaType];
  const schema = isObject(media) && isObject(media.schema) ? media.schema : undefined;
  return {
    mediaType,
    required: value.required === true,
    ...(schema ? { schema } : {}),
    fields: schemaFields(schema),
  };
}

/** JSON first, then URL-encoded forms, multipart, and whatever else is listed. */
export function pickMediaType(types: readonly string[]): string | undefined {
  const lower = types.map((t) => t.toLowerCase());
  const json = lower.findIndex((t) => /^application\/(.+\+)?json\b/.test(t));
  if (json !== -1) return types[json];
  const form = lower.indexOf('application/x-www-form-urlencoded');
  if (form !== -1) return types[form];
  const multipart = lower.findIndex((t) => t.startsWith('multipart/form-data'));
  if (multipart !== -1) return types[multipart];
  return types[0];
}

function readResponses(
  value: unknown,
  version: SpecVersion,
  tokens: readonly (string | number)[],
  fail: Fail,
): ApiResponse[] {
  if (value === undefined) return [];
  if (!isObject(value)) throw fail(tokens, 'must be an object of responses');
  const out: ApiResponse[] = [];
  for (const [status, res] of Object.entries(value)) {
    if (status.startsWith('x-')) continue;
    if (!isObject(res)) throw fail([...tokens, status], 'a response must be an object');
    if (version === '2.0') {
      const schema = isObject(res.schema) ? res.schema : undefined;
      out.push({ status, mediaTypes: schema ? ['application/json'] : [], fields: schemaFields(schema) });
      continue;
    }
    const content = isObject(res.content) ? res.content : {};
    const mediaTypes = Object.keys(content);
    const fields = new Set<string>();
    for (const media of Object.values(content)) {
      if (isObject(media) && isObject(media.schema))
        for (const f of schemaFields(media.schema)) fields.add(f);
    }
    out.push({ status, mediaTypes, fields: [...fields].slice(0, MAX_FIELDS) });
  }
  return out;
}

/**
 * Property paths a schema describes, depth first: `id`, `owner.email`, `items[].token`
 * (`[].x` for a top-level array). `allOf`, `oneOf` and `anyOf` contribute their branches' fields.
 */
export function schemaFields(schema: Schema | undefined): string[] {
  const out = new Set<string>();
  const walk = (s: unknown, prefix: string, depth: number, path: Set<unknown>) => {
    if (!isObject(s) || path.has(s) || depth > FIELD_DEPTH || out.size >= MAX_FIELDS) return;
    path.add(s);
    for (const key of ['allOf', 'oneOf', 'anyOf'] as const) {
      const parts = s[key];
      if (Array.isArray(parts)) for (const part of parts) walk(part, prefix, depth, path);
    }
    if (isObject(s.items)) walk(s.items, `${prefix}[]`, depth, path);
    if (isObject(s.properties)) {
      for (const [name, sub] of Object.entries(s.properties)) {
        const field = prefix === '' ? name : `${prefix}.${name}`;
        if (out.size < MAX_FIELDS) out.add(field);
        walk(sub, field, depth + 1, path);
      }
    }
    path.delete(s);
  };
  walk(schema, '', 1, new Set());
  return [...out];
}
