/** Colour only on a terminal, and never when NO_COLOR or --no-color says so (FORCE_COLOR overrides the TTY test). */
export function useColor(
  stream: { isTTY?: boolean },
  flag: boolean,
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  if (!flag) return false;
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') return true;
  if (env.TERM === 'dumb') return false;
  return stream.isTTY === true;
}

/** Columns to wrap a report to: the terminal's width (within reason), else 100. */
export function columns(stream: { isTTY?: boolean; columns?: number }): number {
  if (!stream.isTTY || !stream.columns) return 100;
  return Math.max(50, Math.min(120, stream.columns));
}
