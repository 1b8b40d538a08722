/** Generates `docs/errors.md` from the error catalogue in `src/errors.ts`. */
import { ERRORS } from '../errors.js';
import { table } from './markdown.js';

export const ERRORS_DOC_PATH = 'docs/errors.md';

export function renderErrorsDoc(): string {
  const rows = Object.entries(ERRORS).map(([code, e]) => [`\`${code}\``, String(e.exit), e.summary]);
  return `<!-- Generated from src/errors.ts by src/docs/errors.ts: edit those, then run \`node dist/docs/generate.js\`. -->

# Errors

Every error Parapet reports carries a stable \`code\` (match on the code, never on the message, which may
change) and ends the \`parapet\` process with the exit code shown.

${table(['Code', 'Exit code', 'Meaning'], rows)}
`;
}
