import { z } from 'zod';

const httpUrl = z.string().superRefine((value, ctx) => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    ctx.addIssue({ code: 'custom', message: `not a valid URL: ${JSON.stringify(value)}` });
    return;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    ctx.addIssue({ code: 'custom', message: `only http and https URLs can be scanned, not ${url.protocol}` });
  }
  if (url.username || url.password) {
    ctx.addIssue({ code: 'custom', message: 'put credentials in --basic, not in the URL' });
  }
});

/** `host`, `host:port` or `[v6]:port`: where the target can reach Parapet's callback listener. */
const callbackHost = z.string().superRefine((value, ctx) => {
  let url: URL | undefined;
  try {
    url = new URL(`http://${value}`);
  } catch {
    url = undefined;
  }
  if (!url || url.host !== value.toLowerCase() || url.pathname !== '/' || url.username || url.password) {
    ctx.addIssue({ code: 'custom', message: `not a host or host:port: ${JSON.stringify(value)}` });
  }
});

const origin = httpUrl.transform((v) => new URL(v).origin);

export const CredentialsSchema = z
  .object({
    /** Extra request headers, e.g. `X-API-Key`. */
    headers: z.record(z.string(), z.string()).default({}),
    bearer: z.string().min(1).optional(),
    /** `user:password` */
    basic: z
      .string()
      .regex(/^[^:]*:.*$/s, 'basic credentials must be user:password')
      .optional(),
    /** A Cookie header value, `a=b; c=d`. */
    cookie: z.string().min(1).optional(),
  })
  .strict();

export const LoginSchema = z
  .object({
    /** `POST /auth/login {"username":"$USER","password":"$PASS"}` */
    request: z.string().min(1),
    /** Where the token is in the JSON answer (`/token`, `data.access_token`); absent: the session cookie is used. */
    tokenPath: z.string().min(1).optional(),
    /** How the token is sent: `Authorization: Bearer` (default) or a named header. */
    tokenHeader: z.string().min(1).optional(),
    /** Values of the recipe's `$NAME` placeholders (the CLI takes them from the environment). */
    variables: z.record(z.string(), z.string()).default({}),
  })
  .strict();

export const ScanConfigSchema = z
  .object({
    target: httpUrl,
    mode: z.enum(['safe', 'active']).default('safe'),
    credentials: CredentialsSchema.optional(),
    /** Log in before the scan (and again once if the session expires mid-scan). */
    login: LoginSchema.optional(),
    /** A second identity (`--auth2`): another user of the same kind, for object-level authorization tests. */
    secondCredentials: CredentialsSchema.optional(),
    budget: z.number().int().min(1).max(100_000).default(400),
    concurrency: z.number().int().min(1).max(64).default(8),
    /** Requests per second per host. */
    rate: z.number().positive().max(10_000).default(100),
    timeoutMs: z.number().int().min(100).max(600_000).default(10_000),
    /** The whole scan stops (and reports what it has) after this long. */
    maxDurationMs: z.number().int().min(1_000).max(86_400_000).default(180_000),
    maxBodyBytes: z
      .number()
      .int()
      .min(1024)
      .max(256 * 1024 * 1024)
      .default(2 * 1024 * 1024),
    maxPages: z.number().int().min(1).max(10_000).default(60),
    maxDepth: z.number().int().min(0).max(20).default(3),
    maxRedirects: z.number().int().min(0).max(20).default(5),
    scope: z.array(origin).default([]),
    insecure: z.boolean().default(false),
    /** An OpenAPI 3.x or Swagger 2.0 document (a file path or an http(s) URL) that lists the operations to scan. */
    spec: z.string().min(1).optional(),
    /** Which of the spec's servers to use: its URL as the spec writes it, or its position (1 for the first). */
    server: z.string().min(1).optional(),
    /** With active mode: prove clickjacking and CSRF findings in the system Chromium (`--browser`). */
    browser: z.boolean().default(false),
    /** Where browser proofs save screenshots and proof-of-concept pages (`--artifacts`); none when absent. */
    artifactsDir: z.string().min(1).optional(),
    /** Active probes may submit forms that look like they delete or remove data (`--allow-destructive`). */
    allowDestructive: z.boolean().default(false),
    /**
     * Where the target reaches Parapet's callback listener (`--callback-host`, out-of-band probes such as
     * SSRF): a host or host:port. Absent: 127.0.0.1 on loopback targets, otherwise those probes are skipped.
     */
    callbackHost: callbackHost.optional(),
    userAgent: z.string().default('Parapet/0.1 (+security scanner)'),
  })
  .strict();

export type ScanConfigInput = z.input<typeof ScanConfigSchema>;
export type ScanConfig = z.output<typeof ScanConfigSchema>;
export type Credentials = z.output<typeof CredentialsSchema>;
export type LoginConfig = z.output<typeof LoginSchema>;
