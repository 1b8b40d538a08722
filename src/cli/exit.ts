import { redact } from '../config/mask.js';
import { isParapetError } from '../errors.js';

/** Process exit codes: documented in README and `parapet --help`. */
export const EXIT = {
  ok: 0,
  /** --fail-on or --threshold was breached. */
  gate: 1,
  /** Usage errors, and targets that cannot be scanned (refused, unresolvable, TLS, invalid URL). */
  usage: 2,
  /** A bug in Parapet. */
  internal: 3,
  SIGINT: 130,
  SIGTERM: 143,
} as const;

/**
 * Writes one line for `err` on stderr (`parapet: <message>`) and returns the exit code. Parapet's
 * own errors carry both; anything else is a bug: one line and a hint, the stack only with PARAPET_DEBUG=1.
 */
export function reportError(err: unknown, secrets: readonly string[] = []): number {
  const line = (text: string) => redact(text, secrets).replace(/\s*\n\s*/g, ' ');
  if (isParapetError(err)) {
    process.stderr.write(`parapet: ${line(err.message)}\n`);
    return err.exitCode;
  }
  const message = err instanceof Error ? err.message : String(err);
  const debug = process.env.PARAPET_DEBUG === '1';
  const hint = debug ? '' : ' (set PARAPET_DEBUG=1 for details)';
  process.stderr.write(
    `parapet: internal error: ${line(message)}; this is a bug in Parapet, please report it${hint}\n`,
  );
  if (debug && err instanceof Error && err.stack) process.stderr.write(`${redact(err.stack, secrets)}\n`);
  return EXIT.internal;
}
