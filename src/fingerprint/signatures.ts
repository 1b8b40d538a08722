import { ERROR_PAGE_SIGNATURES, type ErrorPageSignature } from '../kb/signatures/error-pages.js';
import {
  type DbEngine,
  SQL_ERROR_SIGNATURES,
  type SqlErrorSignature,
  SUPERSEDES,
} from '../kb/signatures/sql-errors.js';
import type { PartId } from './parts.js';

/**
 * How much one matching signature says about a part:
 * - `strong` names it outright (a banner, a framework's own cookie or default page): enough alone;
 * - `weak` fits it but other stacks share it: alone it is reported as "likely", two make it firm;
 * - `hint` only corroborates: never reported on its own.
 */
export type Strength = 'strong' | 'weak' | 'hint';

/**
 * One observable trait of a stack. Every condition given must hold on the same exchange.
 * Named capture groups whose name is a part id (`(?<nginx>…)`) give that part's version.
 * Regexes must run in linear time: no nested or overlapping unbounded quantifiers, no `g` flag.
 */
export interface Signature {
  /** Stable id, unique in the table. */
  id: string;
  /** The parts a match points to, and how strongly. */
  claims: Partial<Record<PartId, Strength>>;
  /** Response status: one of these codes, or any 4xx/5xx. */
  status?: readonly number[] | 'error';
  /** Response media type (without parameters): one of these. */
  media?: readonly string[];
  /** A response header, as usually spelled; with `value`, one of its values must match. */
  header?: { name: string; value?: RegExp };
  /** A Set-Cookie whose name (and value) match. */
  cookie?: { name: RegExp; value?: RegExp };
  /** The response body (its first BODY_SCAN_CHARS characters). */
  body?: RegExp;
  /** The body must not match this: a more specific signature speaks for that exchange. */
  bodyNot?: RegExp;
  /** An error page or stack trace from the shared table (`kb/signatures/error-pages.ts`), by id. */
  errorPage?: string;
  /** A header on Parapet's own discovery requests, i.e. what the configured credentials send. */
  sent?: { name: RegExp; value?: RegExp };
  /** The target may be echoing Parapet's request: skip a match whose text the request contains. */
  echoable?: true;
  /** The body match carries a secret: evidence masks it (cookie values and sent headers always are). */
  secret?: true;
  /** The match holds a JWT: its algorithm, issuer and expiry join the evidence. */
  jwt?: true;
  /** What the match is, in a few words; ends the evidence sentence. */
  note: string;
}

/** Default error pages are small; markers in pages sit near the top. */
export const BODY_SCAN_CHARS = 32_768;

const V = '\\d[\\w.-]{0,40}';
const version = (part: string) => `(?<${part}>${V})`;
const JWT = 'eyJ[\\w-]{2,4000}\\.eyJ[\\w-]{2,8000}\\.[\\w-]{0,1000}';
const HTML = ['text/html', 'application/xhtml+xml'] as const;
const JSON_MEDIA = ['application/json', 'application/problem+json'] as const;
/** Names API keys travel under. */
const API_KEY_NAME =
  '(?<![\\w-])(?:x-api-key|api-key|apikey|x-api-token|x-auth-token|x-access-token)(?![\\w-])';

/** Headers that carry a request's HMAC signature. */
const HMAC_HEADER =
  '(?:x-signature|x-signature-256|x-hmac-signature|x-hub-signature|x-hub-signature-256|x-request-signature|signature)';
/** A signature in a URL: hex or base64url, long enough to be a MAC. */
const SIGNATURE_VALUE = '[A-Za-z0-9_%-]{32,128}(?![A-Za-z0-9_%-])';

/** One step down: an error text on a page that did not fail may be quoted, not produced. */
const WEAKER: Record<Strength, Strength> = { strong: 'weak', weak: 'hint', hint: 'hint' };

export const SIGNATURES: readonly Signature[] = [
  // ── Servers and proxies in front ───────────────────────────────────────────────────────────────
  {
    id: 'server-nginx',
    claims: { nginx: 'strong' },
    header: { name: 'Server', value: new RegExp(`^nginx(?:/${version('nginx')})?`, 'i') },
    note: 'nginx banner',
  },
  {
    id: 'server-openresty',
    claims: { nginx: 'strong' },
    header: { name: 'Server', value: /^openresty\b/i },
    note: 'OpenResty, an nginx build',
  },
  {
    id: 'page-nginx',
    claims: { nginx: 'strong' },
    status: 'error',
    body: new RegExp(`<hr><center>nginx(?:/${version('nginx')})?</center>`),
    note: "nginx's default error page",
  },
  {
    id: 'server-apache',
    claims: { apache: 'strong' },
    header: { name: 'Server', value: new RegExp(`^Apache(?:/${version('apache')})?(?:\\s|$)`) },
    note: 'Apache httpd banner',
  },
  {
    id: 'page-apache',
    claims: { apache: 'strong' },
    status: 'error',
    body: new RegExp(`<address>Apache(?:/${version('apache')})?[^<]{0,200} Server at [^<]{0,300}</address>`),
    note: "Apache httpd's default error page",
  },
  {
    id: 'server-caddy',
    claims: { caddy: 'strong' },
    header: { name: 'Server', value: /^Caddy\b/i },
    note: 'Caddy banner',
  },
  {
    id: 'server-iis',
    claims: { iis: 'strong', aspnet: 'hint' },
    header: { name: 'Server', value: new RegExp(`^Microsoft-IIS(?:/${version('iis')})?`) },
    note: 'IIS banner',
  },
  {
    id: 'page-iis',
    claims: { iis: 'strong' },
    status: 'error',
    body: /The resource you are looking for (?:might have been|has been) removed, had its name changed, or is temporarily unavailable\.|<title>IIS \d{1,2}\.\d Detailed Error/,
    note: "IIS's default error page",
  },
  {
    id: 'server-envoy',
    claims: { envoy: 'strong' },
    header: { name: 'Server', value: /^envoy$/i },
    note: 'Envoy banner',
  },
  {
    id: 'header-envoy',
    claims: { envoy: 'strong' },
    header: { name: 'X-Envoy-Upstream-Service-Time' },
    note: 'a header only Envoy adds',
  },
  {
    id: 'server-cloudflare',
    claims: { cloudflare: 'strong' },
    header: { name: 'Server', value: /^cloudflare$/i },
    note: 'Cloudflare banner',
  },
  {
    id: 'header-cloudflare',
    claims: { cloudflare: 'strong' },
    header: { name: 'CF-Ray' },
    note: "Cloudflare's request id",
  },
  {
    id: 'via-cloudfront',
    claims: { cloudfront: 'strong' },
    header: { name: 'Via', value: /\(CloudFront\)/ },
    note: 'CloudFront in Via',
  },
  {
    id: 'header-cloudfront',
    claims: { cloudfront: 'strong' },
    header: { name: 'X-Amz-Cf-Id' },
    note: "CloudFront's request id",
  },
  {
    id: 'via-varnish',
    claims: { varnish: 'strong' },
    header: { name: 'Via', value: /\bvarnish\b/i },
    note: 'Varnish in Via',
  },
  {
    id: 'header-varnish',
    claims: { varnish: 'strong' },
    header: { name: 'X-Varnish' },
    note: "Varnish's transaction id",
  },
  {
    id: 'server-litespeed',
    claims: { litespeed: 'strong' },
    header: { name: 'Server', value: /^LiteSpeed\b/i },
    note: 'LiteSpeed banner',
  },
  // ── Application servers ────────────────────────────────────────────────────────────────────────
  {
    id: 'server-werkzeug',
    claims: { werkzeug: 'strong', flask: 'weak' },
    header: { name: 'Server', value: new RegExp(`^Werkzeug/${version('werkzeug')}`) },
    note: 'Werkzeug, the server Flask runs on in development',
  },
  {
    id: 'server-gunicorn',
    claims: { gunicorn: 'strong' },
    header: { name: 'Server', value: new RegExp(`^gunicorn(?:/${version('gunicorn')})?`, 'i') },
    note: 'Gunicorn banner',
  },
  {
    id: 'server-uvicorn',
    claims: { uvicorn: 'strong', fastapi: 'weak' },
    header: { name: 'Server', value: /^uvicorn$/i },
    note: 'Uvicorn, the usual ASGI server for FastAPI and Starlette',
  },
  {
    id: 'server-kestrel',
    claims: { kestrel: 'strong', aspnet: 'strong' },
    header: { name: 'Server', value: /^Kestrel$/i },
    note: "Kestrel, ASP.NET Core's server",
  },
  {
    id: 'server-coyote',
    claims: { tomcat: 'strong' },
    header: { name: 'Server', value: /^Apache-Coyote\// },
    note: "Tomcat's connector",
  },
  {
    id: 'page-tomcat',
    claims: { tomcat: 'strong' },
    status: 'error',
    body: new RegExp(`<h3>Apache Tomcat(?:/${version('tomcat')})?</h3>`),
    note: "Tomcat's default error page",
  },
  {
    id: 'server-jetty',
    claims: { jetty: 'strong' },
    header: { name: 'Server', value: new RegExp(`^Jetty\\(${version('jetty')}\\)`) },
    note: 'Jetty banner',
  },
  {
    id: 'server-beego',
    claims: { beego: 'strong' },
    header: { name: 'Server', value: new RegExp(`^beegoServer(?::${version('beego')})?`) },
    note: 'Beego banner',
  },
  // ── Languages named by banners ─────────────────────────────────────────────────────────────────
  {
    id: 'server-python',
    claims: { python: 'strong' },
    header: { name: 'Server', value: new RegExp(`\\bPython/${version('python')}`) },
    note: 'Python version in the banner',
  },
  {
    id: 'server-php',
    claims: { php: 'strong' },
    header: { name: 'Server', value: new RegExp(`\\bPHP/${version('php')}`) },
    note: 'PHP version in the banner',
  },
  {
    id: 'powered-php',
    claims: { php: 'strong' },
    header: { name: 'X-Powered-By', value: new RegExp(`^PHP/${version('php')}`) },
    note: "PHP's banner",
  },
  {
    id: 'powered-servlet',
    claims: { java: 'strong' },
    header: { name: 'X-Powered-By', value: /^(?:Servlet|JSP)\/\d/ },
    note: "a Java servlet container's banner",
  },
  {
    id: 'header-x-runtime',
    claims: { ruby: 'strong', rails: 'weak' },
    header: { name: 'X-Runtime', value: /^\d{1,6}\.\d{1,9}$/ },
    note: "Rack's request timer, on by default in older Rails",
  },
  {
    id: 'header-request-id-uuid',
    claims: { rails: 'hint' },
    header: { name: 'X-Request-Id', value: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/ },
    note: 'a UUID request id, as Rails assigns (and many others)',
  },
  // ── Frameworks: headers ────────────────────────────────────────────────────────────────────────
  {
    id: 'powered-express',
    claims: { express: 'strong' },
    header: { name: 'X-Powered-By', value: /^Express$/ },
    note: "Express's default banner",
  },
  {
    id: 'powered-nextjs',
    claims: { nextjs: 'strong' },
    header: { name: 'X-Powered-By', value: new RegExp(`^Next\\.js(?: ${version('nextjs')})?`) },
    note: "Next.js's default banner",
  },
  {
    id: 'header-nextjs-cache',
    claims: { nextjs: 'strong' },
    header: { name: 'X-Nextjs-Cache' },
    note: 'a header only Next.js sets',
  },
  {
    id: 'powered-aspnet',
    claims: { aspnet: 'strong' },
    header: { name: 'X-Powered-By', value: /^ASP\.NET$/ },
    note: "ASP.NET's banner",
  },
  {
    id: 'header-aspnet-version',
    claims: { aspnet: 'strong', dotnet: 'strong' },
    header: { name: 'X-AspNet-Version', value: new RegExp(`^${version('dotnet')}$`) },
    note: 'the .NET runtime version ASP.NET announces',
  },
  {
    id: 'header-aspnetmvc-version',
    claims: { aspnet: 'strong' },
    header: { name: 'X-AspNetMvc-Version' },
    note: "ASP.NET MVC's banner",
  },
  {
    id: 'header-application-context',
    claims: { spring: 'strong' },
    header: { name: 'X-Application-Context' },
    note: 'a header Spring Boot 1.x adds',
  },
  // ── Cookies ────────────────────────────────────────────────────────────────────────────────────
  {
    id: 'cookie-flask-session',
    claims: { flask: 'strong', 'cookie-session': 'strong' },
    cookie: { name: /^session$/, value: /^(?:eyJ|\.eJ)[\w-]{2,8000}\.[\w-]{6}\.[\w-]{27,86}$/ },
    note: "Flask's signed session cookie, payload.timestamp.signature",
  },
  {
    id: 'cookie-session',
    claims: { 'cookie-session': 'strong' },
    cookie: { name: /^session$/ },
    note: 'a session cookie',
  },
  {
    id: 'cookie-django-session',
    claims: { django: 'weak', 'cookie-session': 'strong' },
    cookie: { name: /^sessionid$/ },
    note: "Django's session cookie name",
  },
  {
    id: 'cookie-django-csrf',
    claims: { django: 'weak' },
    cookie: { name: /^csrftoken$/ },
    note: "Django's CSRF cookie name",
  },
  {
    id: 'cookie-express-session',
    claims: { express: 'strong', 'cookie-session': 'strong' },
    cookie: { name: /^connect\.sid$/ },
    note: "express-session's cookie",
  },
  {
    id: 'cookie-rails-session',
    claims: { rails: 'strong', 'cookie-session': 'strong' },
    cookie: { name: /^_[a-z0-9_]{1,60}_session$/i },
    note: "Rails' `_<app>_session` cookie",
  },
  {
    id: 'cookie-rack-session',
    claims: { ruby: 'strong', 'cookie-session': 'strong' },
    cookie: { name: /^rack\.session$/ },
    note: "Rack's session cookie",
  },
  {
    id: 'cookie-jsessionid',
    claims: { java: 'strong', 'cookie-session': 'strong' },
    cookie: { name: /^JSESSIONID$/ },
    note: 'the Java servlet session cookie',
  },
  {
    id: 'cookie-laravel-session',
    claims: { laravel: 'strong', 'cookie-session': 'strong' },
    cookie: { name: /^laravel_session$/ },
    note: "Laravel's session cookie",
  },
  {
    id: 'cookie-xsrf-token',
    claims: { laravel: 'hint' },
    cookie: { name: /^XSRF-TOKEN$/ },
    note: 'the XSRF-TOKEN cookie Laravel (and Angular apps) set',
  },
  {
    id: 'cookie-phpsessid',
    claims: { php: 'strong', 'cookie-session': 'strong' },
    cookie: { name: /^PHPSESSID$/ },
    note: "PHP's session cookie",
  },
  {
    id: 'cookie-aspnet-session',
    claims: { aspnet: 'strong', 'cookie-session': 'strong' },
    cookie: {
      name: /^(?:ASP\.NET_SessionId|\.ASPXAUTH|\.AspNetCore\.(?:Session|Cookies|Identity\.Application))$/,
    },
    note: 'an ASP.NET session cookie',
  },
  {
    id: 'cookie-aspnet-antiforgery',
    claims: { aspnet: 'strong' },
    cookie: { name: /^\.AspNetCore\.Antiforgery\./ },
    note: "ASP.NET Core's antiforgery cookie",
  },
  {
    id: 'cookie-jwt',
    claims: { jwt: 'strong' },
    cookie: { name: /./, value: new RegExp(`^${JWT}$`) },
    jwt: true,
    note: 'a JWT in a cookie',
  },
  // ── Authentication ─────────────────────────────────────────────────────────────────────────────
  {
    id: 'challenge-basic',
    claims: { basic: 'strong' },
    header: { name: 'WWW-Authenticate', value: /(?:^|,)\s*Basic(?:\s|,|$)/i },
    note: 'a Basic challenge',
  },
  {
    id: 'challenge-digest',
    claims: { digest: 'strong' },
    header: { name: 'WWW-Authenticate', value: /(?:^|,)\s*Digest(?:\s|,|$)/i },
    note: 'a Digest challenge',
  },
  {
    id: 'challenge-negotiate',
    claims: { negotiate: 'strong' },
    header: { name: 'WWW-Authenticate', value: /(?:^|,)\s*(?:Negotiate|NTLM)(?:\s|,|$)/i },
    note: 'a Windows authentication challenge',
  },
  {
    id: 'challenge-bearer',
    claims: { bearer: 'strong' },
    header: { name: 'WWW-Authenticate', value: /(?:^|,)\s*Bearer(?:\s|,|$)/i },
    note: 'a Bearer challenge',
  },
  {
    id: 'challenge-api-key',
    claims: { 'api-key': 'strong' },
    header: { name: 'WWW-Authenticate', value: /(?:^|,)\s*(?:ApiKey|API-Key)(?:\s|,|$)/i },
    note: 'an API key challenge',
  },
  {
    id: 'denied-names-api-key',
    claims: { 'api-key': 'strong' },
    status: [401, 403],
    body: new RegExp(`${API_KEY_NAME}|\\bAPI[ _-]?key\\b`, 'i'),
    echoable: true,
    note: 'the refusal names an API key',
  },
  {
    id: 'cors-allows-api-key',
    claims: { 'api-key': 'weak' },
    header: { name: 'Access-Control-Allow-Headers', value: new RegExp(API_KEY_NAME, 'i') },
    echoable: true,
    note: 'CORS lets browsers send an API key header',
  },
  {
    id: 'body-jwt',
    claims: { jwt: 'strong', bearer: 'weak' },
    media: JSON_MEDIA,
    body: new RegExp(`"(?:access_?token|accessToken|id_?token|idToken|token|jwt)"\\s*:\\s*"${JWT}"`),
    echoable: true,
    secret: true,
    jwt: true,
    note: 'a JWT handed out in a JSON response',
  },
  {
    id: 'sent-bearer-jwt',
    claims: { jwt: 'strong' },
    sent: { name: /^authorization$/, value: new RegExp(`^Bearer\\s+${JWT}$`, 'i') },
    jwt: true,
    note: 'the configured bearer token is a JWT',
  },
  {
    id: 'sent-bearer',
    claims: { bearer: 'strong' },
    sent: { name: /^authorization$/, value: /^Bearer\s/i },
    note: 'the configured credentials',
  },
  {
    id: 'sent-basic',
    claims: { basic: 'strong' },
    sent: { name: /^authorization$/, value: /^Basic\s/i },
    note: 'the configured credentials',
  },
  {
    id: 'challenge-hmac',
    claims: { hmac: 'strong' },
    header: { name: 'WWW-Authenticate', value: /(?:^|,)\s*(?:HMAC|HMAC-SHA256|Signature)(?:\s|,|$)/i },
    note: 'an HMAC signature challenge',
  },
  {
    id: 'sent-hmac-authorization',
    claims: { hmac: 'strong' },
    sent: { name: /^authorization$/, value: /^(?:HMAC|HMAC-SHA256|AWS4-HMAC-SHA256|Signature)\s/i },
    note: 'the configured credentials sign each request',
  },
  {
    id: 'sent-hmac-header',
    claims: { hmac: 'strong' },
    sent: { name: new RegExp(`^${HMAC_HEADER}$`, 'i') },
    note: 'the configured credentials sign each request',
  },
  {
    id: 'link-signed-url',
    claims: { hmac: 'weak' },
    media: [...HTML, ...JSON_MEDIA],
    body: new RegExp(
      `[?&;](?:expires|expiry|exp|timestamp|ts)=\\d{9,13}[^"'\\s<>#]{0,400}[?&;](?:signature|sig|hmac)=${SIGNATURE_VALUE}|[?&;](?:signature|sig|hmac)=${SIGNATURE_VALUE}[^"'\\s<>#]{0,400}[?&;](?:expires|expiry|exp|timestamp|ts)=\\d{9,13}`,
      'i',
    ),
    echoable: true,
    note: 'links carry an expiry and a signature (signed URLs)',
  },
  {
    id: 'sent-api-key',
    claims: { 'api-key': 'strong' },
    sent: { name: new RegExp(`^${API_KEY_NAME}$`, 'i') },
    note: 'the configured credentials',
  },
  // ── Frameworks: default pages and body markers ─────────────────────────────────────────────────
  {
    id: 'page-werkzeug',
    claims: { flask: 'strong' },
    status: 'error',
    body: /The requested URL was not found on the server\. If you entered the URL manually please check your spelling and try again\.|The method is not allowed for the requested URL\.|The server encountered an internal error and was unable to complete your request\./,
    note: "Werkzeug's default error page, as Flask serves it",
  },
  {
    id: 'page-django-404',
    claims: { django: 'strong' },
    status: [404],
    body: /The requested resource was not found on this server\./,
    note: "Django's default 404 page",
  },
  {
    id: 'page-django-csrf',
    claims: { django: 'strong' },
    status: [403],
    body: /CSRF verification failed\. Request aborted\./,
    note: "Django's CSRF failure page",
  },
  {
    id: 'form-django-csrf',
    claims: { django: 'strong' },
    media: HTML,
    body: /name=(?:"csrfmiddlewaretoken"|'csrfmiddlewaretoken'|csrfmiddlewaretoken\b)/,
    note: "Django's CSRF form field",
  },
  {
    id: 'json-drf-auth',
    claims: { django: 'strong' },
    status: [401, 403],
    media: JSON_MEDIA,
    body: /^\{"detail":\s?"Authentication credentials were not provided\."\}$/,
    note: "Django REST framework's refusal",
  },
  {
    id: 'json-starlette-error',
    claims: { fastapi: 'weak' },
    status: [404, 405],
    media: JSON_MEDIA,
    body: /^\{"detail":"(?:Not Found|Method Not Allowed)"\}$/,
    note: "Starlette's default error body, which other APIs also use",
  },
  {
    id: 'json-fastapi-not-authenticated',
    claims: { fastapi: 'weak' },
    status: [401, 403],
    media: JSON_MEDIA,
    body: /^\{"detail":"Not authenticated"\}$/,
    note: "FastAPI's security dependencies' refusal",
  },
  {
    id: 'json-fastapi-validation',
    claims: { fastapi: 'strong' },
    status: [422],
    media: JSON_MEDIA,
    body: /^\{"detail":\[\{"(?:type|loc)":/,
    note: "FastAPI's validation error shape",
  },
  {
    id: 'page-fastapi-docs',
    claims: { fastapi: 'strong' },
    media: HTML,
    body: /<title>FastAPI - Swagger UI<\/title>/,
    note: "FastAPI's default docs page",
  },
  {
    id: 'page-express-cannot',
    claims: { express: 'strong' },
    status: [404, 405],
    media: HTML,
    body: /<pre>Cannot [A-Z]{3,7} [^<]{0,2000}<\/pre>/,
    note: "Express's default 404 page",
  },
  {
    id: 'text-fiber-cannot',
    claims: { fiber: 'weak' },
    status: [404, 405],
    media: ['text/plain'],
    body: /^Cannot [A-Z]{3,7} \/\S{0,2000}$/,
    note: "Fiber's default 404 text",
  },
  {
    id: 'json-fastify-404',
    claims: { fastify: 'strong' },
    status: [404],
    media: JSON_MEDIA,
    body: /^\{"message":"Route [A-Z]{3,7}:[^"]{0,2000} not found","error":"Not Found","statusCode":404\}$/,
    note: "Fastify's default 404 body",
  },
  {
    id: 'page-nextjs-data',
    claims: { nextjs: 'strong' },
    media: HTML,
    body: /<script id="__NEXT_DATA__"|<script src="\/_next\/static\//,
    note: 'Next.js page data',
  },
  {
    id: 'page-rails',
    claims: { rails: 'strong' },
    status: 'error',
    media: HTML,
    body: /The page you were looking for doesn(?:'|’|&#39;|&rsquo;)t exist\.|The change you wanted was rejected\.|We(?:'|’|&#39;|&rsquo;)re sorry, but something went wrong\./,
    note: "Rails' default public error page",
  },
  {
    id: 'meta-rails-csrf',
    claims: { rails: 'strong' },
    media: HTML,
    body: /<meta name="csrf-param" content="authenticity_token"/,
    note: "Rails' CSRF meta tag",
  },
  {
    id: 'page-spring-whitelabel',
    claims: { spring: 'strong' },
    status: 'error',
    body: /<h1>Whitelabel Error Page<\/h1>/,
    note: "Spring Boot's Whitelabel error page",
  },
  {
    id: 'json-spring-error',
    claims: { spring: 'strong' },
    status: 'error',
    media: JSON_MEDIA,
    body: /^\{"timestamp":"[^"]{1,64}","status":\d{3},"error":"[^"]{1,80}",[^\n]{0,4000}"path":"\//,
    note: "Spring Boot's default error body",
  },
  {
    id: 'json-aspnet-problem',
    claims: { aspnet: 'strong' },
    status: 'error',
    media: JSON_MEDIA,
    body: /^\{"type":"https:\/\/tools\.ietf\.org\/html\/rfc(?:7231|9110)#section-[\d.]{1,12}","title":"[^"]{1,80}","status":\d{3}/,
    note: "ASP.NET Core's default problem details",
  },
  {
    id: 'page-aspnet-error',
    claims: { aspnet: 'strong' },
    status: 'error',
    body: /Server Error in '[^']{0,200}' Application\./,
    note: "ASP.NET's default error page",
  },
  {
    id: 'form-aspnet-fields',
    claims: { aspnet: 'strong' },
    media: HTML,
    body: /name="(?:__VIEWSTATE|__RequestVerificationToken)"/,
    note: 'an ASP.NET form field',
  },
  {
    id: 'text-go-404',
    claims: { go: 'strong' },
    status: [404],
    media: ['text/plain'],
    header: { name: 'X-Content-Type-Options', value: /^nosniff$/i },
    body: /^404 page not found\n?$/,
    note: "Go net/http's default 404",
  },
  {
    id: 'text-404-page-not-found',
    claims: { go: 'weak' },
    status: [404],
    media: ['text/plain'],
    body: /^404 page not found\n?$/,
    note: 'the 404 text of Go net/http and Go routers built on it',
  },
  {
    id: 'page-laravel-error',
    claims: { laravel: 'strong' },
    status: 'error',
    media: HTML,
    body: /class="ml-4 text-lg text-gray-500 uppercase tracking-wider">\s{0,40}(?:Not Found|Page Expired|Server Error|Forbidden|Unauthorized|Too Many Requests|Service Unavailable)/,
    note: "Laravel's default error page",
  },
  // ── Databases: the SQL error table the sql-error-disclosure check reads ────────────────────────
  ...SQL_ERROR_SIGNATURES.flatMap(sqlErrorSignatures),
  // ── Debuggers, debug pages and stack traces: one signature per entry of the shared table ───────
  ...ERROR_PAGE_SIGNATURES.flatMap(fromErrorPage),
];

/**
 * Two signatures per SQL error shape: on an error status it counts fully (strong, or weak for a
 * shape several engines share); on any other status one step less, since a page may quote it.
 * An engine that another supersedes (PostgreSQL under CockroachDB) does not count on an exchange
 * that also shows the more specific engine's shapes.
 */
function sqlErrorSignatures(s: SqlErrorSignature): Signature[] {
  const strength: Strength = s.shared ? 'weak' : 'strong';
  const part = s.engine satisfies PartId;
  const bodyNot = supersededBy(s.engine);
  const common = {
    body: s.pattern,
    ...(bodyNot ? { bodyNot } : {}),
    echoable: true as const,
    note: s.description,
  };
  return [
    { id: `sql-${s.id}`, claims: { [part]: strength }, status: 'error', ...common },
    { id: `sql-${s.id}-quoted`, claims: { [part]: WEAKER[strength] }, ...common },
  ];
}

/** The patterns of every engine that supersedes `engine`, as one regex. */
function supersededBy(engine: DbEngine): RegExp | undefined {
  const over = (Object.keys(SUPERSEDES) as DbEngine[]).filter((e) => SUPERSEDES[e]?.includes(engine));
  const sources = SQL_ERROR_SIGNATURES.filter((s) => over.includes(s.engine)).map(
    (s) => `(?:${s.pattern.source})`,
  );
  return sources.length > 0 ? new RegExp(sources.join('|')) : undefined;
}

/**
 * A debugger page names its language and framework outright (its two markers are its own markup).
 * A stack trace names its language outright on an error status; on any other status it counts as
 * weak, since a page may be quoting one.
 */
function fromErrorPage(page: ErrorPageSignature): Signature[] {
  const claims = (strength: Strength) => {
    const out: Partial<Record<PartId, Strength>> = { [page.language]: strength };
    if (page.framework) out[page.framework] = strength;
    return out;
  };
  const common = { errorPage: page.id, note: page.description };
  if (page.kind === 'debugger') return [{ id: `error-page-${page.id}`, claims: claims('strong'), ...common }];
  return [
    { id: `error-page-${page.id}`, claims: claims('strong'), status: 'error', ...common },
    { id: `error-page-${page.id}-quoted`, claims: claims('weak'), ...common },
  ];
}
