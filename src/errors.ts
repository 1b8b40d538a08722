/**
 * The one catalogue of Parapet's errors. Every error a user can see has a stable `code`,
 * a one-line message and the process exit code it maps to. `docs/errors.md` lists them all
 * (a parity test keeps the two in step).
 */
export const ERRORS = {
  PARAPET_USAGE: { exit: 2, summary: 'The command line or configuration is not valid.' },
  PARAPET_INVALID_URL: { exit: 2, summary: 'The target is not an absolute http(s) URL.' },
  PARAPET_DNS: { exit: 2, summary: 'The target host name could not be resolved.' },
  PARAPET_CONNECTION_REFUSED: { exit: 2, summary: 'The target refused the connection.' },
  PARAPET_UNREACHABLE: { exit: 2, summary: 'The target could not be reached (network error or reset).' },
  PARAPET_TIMEOUT: { exit: 2, summary: 'The target did not answer within the timeout.' },
  PARAPET_TLS: { exit: 2, summary: 'The TLS handshake failed or the certificate was not trusted.' },
  PARAPET_PROTOCOL: { exit: 2, summary: 'The target sent a response that is not valid HTTP.' },
  PARAPET_LOGIN_FAILED: { exit: 2, summary: 'The login recipe did not yield a session or token.' },
  PARAPET_OUT_OF_SCOPE: {
    exit: 2,
    summary: 'A request was refused because its origin is outside the scan scope.',
  },
  PARAPET_BUDGET: { exit: 2, summary: 'The request budget of the scan (or of one check) is spent.' },
  PARAPET_METHOD_NOT_ALLOWED: {
    exit: 2,
    summary: 'A check tried a state-changing method without --active; the engine refused it.',
  },
  PARAPET_ABORTED: { exit: 130, summary: 'The scan was interrupted.' },
  PARAPET_SPEC: {
    exit: 2,
    summary: 'The OpenAPI or Swagger document could not be read (the message names the file and the place).',
  },
  PARAPET_OUTPUT: { exit: 2, summary: 'The report could not be written.' },
  PARAPET_CONFIG: {
    exit: 2,
    summary: 'The config file is missing, is not valid YAML, or has an invalid or unknown key.',
  },
  PARAPET_REPORT_FILE: {
    exit: 2,
    summary: 'A report given to `parapet diff` cannot be read or is not a Parapet JSON report.',
  },
  PARAPET_BROWSER: { exit: 2, summary: 'Chromium, which prints the PDF report, could not be started.' },
  PARAPET_UNKNOWN_RULE: { exit: 2, summary: 'No rule has that id.' },
  PARAPET_INTERNAL: { exit: 3, summary: 'An unexpected internal error (a bug in Parapet).' },
} as const;

export type ErrorCode = keyof typeof ERRORS;

export class ParapetError extends Error {
  override readonly name = 'ParapetError';
  readonly code: ErrorCode;
  readonly exitCode: number;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message.replace(/\s*\n\s*/g, ' '), options);
    this.code = code;
    this.exitCode = ERRORS[code].exit;
  }
}

export function isParapetError(err: unknown, code?: ErrorCode): err is ParapetError {
  return err instanceof ParapetError && (code === undefined || err.code === code);
}

/** Maps a network error from undici or Node into Parapet's catalogue; `where` names the URL. */
export function fromNetworkError(err: unknown, where: string): ParapetError {
  if (err instanceof ParapetError) return err;
  const e = err as {
    code?: string;
    name?: string;
    message?: string;
    cause?: { code?: string; message?: string };
  };
  if (e?.name === 'HTTPParserError') {
    return new ParapetError('PARAPET_PROTOCOL', `invalid HTTP response from ${where}: ${e.message}`, {
      cause: err,
    });
  }
  const code = e?.code ?? e?.cause?.code ?? '';
  const detail = e?.cause?.message ?? e?.message ?? String(err);
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
      return new ParapetError('PARAPET_DNS', `cannot resolve host for ${where}`, { cause: err });
    case 'ECONNREFUSED':
      return new ParapetError('PARAPET_CONNECTION_REFUSED', `connection refused by ${where}`, { cause: err });
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
    case 'ETIMEDOUT':
    case 'PARAPET_TIMEOUT':
      return new ParapetError('PARAPET_TIMEOUT', `timed out waiting for ${where}`, { cause: err });
    case 'UND_ERR_ABORTED':
    case 'ABORT_ERR':
      return new ParapetError('PARAPET_ABORTED', `request to ${where} was aborted`, { cause: err });
    case 'UND_ERR_INFO':
    case 'HPE_INVALID_HEADER_TOKEN':
    case 'HPE_INVALID_CONSTANT':
    case 'HPE_INVALID_CHUNK_SIZE':
    case 'HPE_UNEXPECTED_CONTENT_LENGTH':
    case 'HPE_INVALID_CONTENT_LENGTH':
    case 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH':
    case 'UND_ERR_RES_EXCEEDED_MAX_SIZE':
    case 'UND_ERR_HEADERS_OVERFLOW':
      return new ParapetError('PARAPET_PROTOCOL', `invalid HTTP response from ${where}: ${detail}`, {
        cause: err,
      });
    default:
      if (/^HPE_/.test(code)) {
        return new ParapetError('PARAPET_PROTOCOL', `invalid HTTP response from ${where}: ${detail}`, {
          cause: err,
        });
      }
      if (/CERT|SSL|TLS|self[- ]signed|certificate/i.test(`${code} ${detail}`)) {
        return new ParapetError(
          'PARAPET_TLS',
          `TLS failed for ${where}: ${detail} (use --insecure to accept self-signed certificates)`,
          { cause: err },
        );
      }
      return new ParapetError('PARAPET_UNREACHABLE', `cannot reach ${where}: ${code || detail}`, {
        cause: err,
      });
  }
}
