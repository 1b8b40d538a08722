/** `--login` and friends: the recipe's `$NAME` values come from the environment, never the command line. */
import type { ScanConfigInput } from '../config/schema.js';
import { recipeVariables } from '../engine/login.js';
import { ParapetError } from '../errors.js';

export function loginFrom(
  recipe: string,
  tokenPath: string | undefined,
  tokenHeader: string | undefined,
  env: NodeJS.ProcessEnv,
): NonNullable<ScanConfigInput['login']> {
  const variables: Record<string, string> = {};
  for (const name of recipeVariables(recipe)) {
    const value = env[name];
    if (value === undefined) {
      throw new ParapetError('PARAPET_USAGE', `--login uses $${name}: set the environment variable ${name}`);
    }
    variables[name] = value;
  }
  return {
    request: recipe,
    variables,
    ...(tokenPath ? { tokenPath } : {}),
    ...(tokenHeader ? { tokenHeader } : {}),
  };
}
