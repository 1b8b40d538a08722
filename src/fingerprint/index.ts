import type { Exchange, Stack } from '../types.js';

/** Infers the target's stack from everything the scan saw; each part carries its evidence. */
export function fingerprint(_exchanges: readonly Exchange[]): Stack {
  return { server: [], framework: [], language: [], auth: [], database: [] };
}
