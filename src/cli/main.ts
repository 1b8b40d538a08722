#!/usr/bin/env node
/** The `parapet` bin. `--version` answers before anything else loads; the rest is in program.ts. */
import { VERSION } from '../version.js';

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  process.stdout.write(`${VERSION}\n`);
} else {
  const { run } = await import('./program.js');
  await run(process.argv);
}
