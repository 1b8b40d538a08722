import type { Confidence, Severity } from '../../types.js';

/**
 * Credential formats `secret-leak` looks for in responses, as data. Every pattern carries the `g` flag
 * (all matches are wanted), uses bounded repeats only, has no quantified group and no alternation whose
 * branches overlap under a quantifier: each match attempt reads at most a few hundred characters, so a
 * scan is linear in the body size whatever the body holds. A lookbehind pins each match to the start of
 * a token, so a long run of token characters is entered once, not at every offset.
 */
export interface SecretFormat {
  /** Stable id, named in the finding. */
  kind: string;
  /** What the finding calls it. */
  name: string;
  /** The named group `body` is the random part, judged for entropy and placeholders. */
  pattern: RegExp;
  severity: Severity;
  confidence: Confidence;
  /** Below this Shannon entropy (bits per character) the body is a placeholder, not a key. */
  minEntropy: number;
  /** A proof the match must also pass: GitHub's CRC32 checksum, a real PEM body. */
  verify?: 'github-checksum' | 'pem-body';
  /** Keys meant to sit in browser code when restricted (Google Maps, Firebase): milder there. */
  inClientCode?: { severity: Severity; confidence: Confidence; note: string };
  /** The other half of a key pair; found within `within` characters, the pair is reported instead. */
  companion?: {
    pattern: RegExp;
    within: number;
    minEntropy: number;
    name: string;
    severity: Severity;
    confidence: Confidence;
  };
  /** Text in the same response that says what the key belongs to. */
  context?: { pattern: RegExp; kind: string; name: string; severity: Severity; confidence: Confidence };
}

export const SECRET_FORMATS: readonly SecretFormat[] = [
  {
    kind: 'aws-access-key',
    name: 'AWS access key ID',
    pattern: /(?<![A-Z0-9])(?<body>(?:AKIA|ASIA)[A-Z0-9]{16})(?![A-Z0-9])/g,
    // An access key ID alone authenticates nothing: it is an identifier until its secret is next to it.
    severity: 'high',
    confidence: 'tentative',
    minEntropy: 2.8,
    companion: {
      pattern: /(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g,
      within: 400,
      minEntropy: 4,
      name: 'AWS access key pair (key ID with its secret access key)',
      severity: 'critical',
      confidence: 'firm',
    },
  },
  {
    kind: 'private-key',
    name: 'PEM private key',
    pattern: /-----BEGIN (?<label>[A-Z0-9 ]{0,24})PRIVATE KEY(?: BLOCK)?-----/g,
    severity: 'high',
    confidence: 'firm',
    minEntropy: 4.5,
    verify: 'pem-body',
    context: {
      pattern: /"type"\s{0,5}:\s{0,5}"service_account"/,
      kind: 'gcp-service-account',
      name: 'Google Cloud service-account key',
      severity: 'critical',
      confidence: 'firm',
    },
  },
  {
    kind: 'stripe-live-key',
    name: 'Stripe live secret key',
    pattern: /(?<![A-Za-z0-9_])[rs]k_live_(?<body>[A-Za-z0-9]{20,247})(?![A-Za-z0-9])/g,
    severity: 'critical',
    confidence: 'firm',
    minEntropy: 3,
  },
  {
    kind: 'stripe-test-key',
    name: 'Stripe test-mode secret key',
    pattern: /(?<![A-Za-z0-9_])[rs]k_test_(?<body>[A-Za-z0-9]{20,247})(?![A-Za-z0-9])/g,
    severity: 'medium',
    confidence: 'firm',
    minEntropy: 3,
  },
  {
    kind: 'github-token',
    name: 'GitHub token',
    pattern: /(?<![A-Za-z0-9_])gh[oprsu]_(?<body>[A-Za-z0-9]{36})(?![A-Za-z0-9])/g,
    severity: 'high',
    confidence: 'firm',
    minEntropy: 3,
    verify: 'github-checksum',
  },
  {
    kind: 'github-fine-grained-token',
    name: 'GitHub fine-grained personal access token',
    pattern: /(?<![A-Za-z0-9_])github_pat_(?<body>[A-Za-z0-9]{22}_[A-Za-z0-9]{59})(?![A-Za-z0-9])/g,
    severity: 'high',
    confidence: 'firm',
    minEntropy: 3.5,
  },
  {
    kind: 'gitlab-token',
    name: 'GitLab personal access token',
    pattern: /(?<![A-Za-z0-9_-])glpat-(?<body>[A-Za-z0-9_-]{20,60})(?![A-Za-z0-9_-])/g,
    severity: 'high',
    confidence: 'firm',
    minEntropy: 3,
  },
  {
    kind: 'slack-token',
    name: 'Slack API token',
    pattern: /(?<![A-Za-z0-9-])xox[aboprs]-(?<body>[0-9]{6,16}-[A-Za-z0-9-]{16,200})(?![A-Za-z0-9-])/g,
    severity: 'high',
    confidence: 'firm',
    minEntropy: 3,
  },
  {
    kind: 'slack-webhook',
    name: 'Slack incoming webhook URL',
    pattern:
      /https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/(?<body>T[A-Z0-9]{6,12}\/[A-Z0-9]{6,12}\/[A-Za-z0-9]{20,40})(?![A-Za-z0-9])/g,
    severity: 'medium',
    confidence: 'firm',
    minEntropy: 3,
  },
  {
    kind: 'google-api-key',
    name: 'Google API key',
    pattern: /(?<![A-Za-z0-9_-])(?<body>AIza[A-Za-z0-9_-]{35})(?![A-Za-z0-9_-])/g,
    severity: 'high',
    confidence: 'firm',
    minEntropy: 3,
    inClientCode: {
      severity: 'low',
      confidence: 'tentative',
      note: 'browser keys for Maps or Firebase are public by design; check that it is restricted to your sites and APIs',
    },
  },
];

/**
 * A hard-coded value assigned to a name in script: `apiKey: "…"`, `secret = '…'`, `"client_secret": "…"`.
 * The name is judged by SECRET_NAME after the match; the value by entropy and PLACEHOLDER.
 */
export const ASSIGNMENT =
  /(?<![A-Za-z0-9_$-])(?<name>[A-Za-z_$][A-Za-z0-9_$-]{0,40})["']?\s{0,5}[:=]\s{0,5}(?<q>["'`])(?<body>[A-Za-z0-9_+/=.:~-]{16,256})\k<q>/g;

/** Names (lower-cased, without `_`, `-`, `$`) that hold a secret when they end a variable or key name. */
export const SECRET_NAME =
  /(?:apikey|apisecret|appsecret|secretkey|clientsecret|privatekey|secretaccesskey|signingkey|signingsecret|encryptionkey|masterkey|secret|password|passwd|apitoken|authtoken|accesstoken|refreshtoken|bearertoken|sessiontoken|secrettoken)$/;
/** Names that hold a value of the current user's session: only a finding on an anonymous answer. */
export const PER_USER_NAME = /(?:authtoken|accesstoken|refreshtoken|bearertoken|sessiontoken)$/;
/** Names whose values are public or per-page by design. */
export const NOT_SECRET_NAME = /csrf|xsrf|nonce|public|publishable|sitekey|captcha|integrity|checksum|hash/;

/** Values that say they are not a real key. */
export const PLACEHOLDER =
  /example|sample|dummy|placeholder|your|redacted|changeme|change_me|change-me|replace|insert|enter|xxxx|\*\*\*\*|fake|todo|fixme|secretkeyhere|notreal|invalid|test_?key/i;

/** Exact values published in vendors' documentation as examples. */
export const DOCUMENTED_EXAMPLES: ReadonlySet<string> = new Set([
  'AKIAIOSFODNN7EXAMPLE',
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'sk_test_4eC39HqLyjWDarjtT1zdp7dc',
]);

/**
 * Session fields by name (lower-cased, letters and digits only). Signed cookies (Flask's, itsdangerous')
 * are readable by whoever holds them: these names say what a reader learns.
 */
export const SESSION_FIELDS = {
  /** Bookkeeping that frameworks and extensions put there, harmless to read (Flask-Login, Flask-WTF). */
  ignore: /^(?:csrftoken|csrf|fresh|id|userid|flashes|permanent|nonce|state|next|lang|locale|theme|visited)$/,
  /** Secrets, credentials and privileges: high. */
  high: /password|passwd|passphrase|pwd|secret|token|apikey|privatekey|credential|role|admin|superuser|staff|permission|privilege|scope|otp|mfa|totp|groups/,
  /** Personal data: low. */
  low: /email|mail|phone|mobile|address|ssn|birth|dob|card|iban|accountnumber|salary|fullname|firstname|lastname|surname|passport|licence|license/,
};
