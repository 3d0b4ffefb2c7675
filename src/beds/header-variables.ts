/**
 * `${NAME}` in a refresh source's headers (config/beds/sources.yaml): the value of
 * an environment variable, so that an API key is never written in the file.
 *
 * A variable that is not set is refused, never replaced by "": an empty key makes
 * every refresh fail as HTTP 401, which says nothing of the missing variable. The
 * service checks at start-up and `sahay beds refresh` before it runs (`headerVariableProblems` in
 * src/beds/config.ts, through `assertHeaderVariables` in src/config.ts); `expandHeaders` refuses
 * again in case the environment it is given differs from the one checked.
 */

const VARIABLE = /\$\{([A-Z0-9_]+)\}/g;

/** The variables the headers name that are not set (or set empty, as .env leaves them), each with its header. */
export function missingHeaderVariables(headers: Readonly<Record<string, string>>, env: NodeJS.ProcessEnv): Array<{ header: string; variable: string }> {
  const missing: Array<{ header: string; variable: string }> = [];
  for (const [header, value] of Object.entries(headers)) {
    for (const [, variable] of value.matchAll(VARIABLE)) {
      if (!env[variable!]) missing.push({ header, variable: variable! });
    }
  }
  return missing;
}

/** The headers with every `${NAME}` replaced by its value; throws naming the first variable not set. */
export function expandHeaders(headers: Readonly<Record<string, string>>, env: NodeJS.ProcessEnv): Record<string, string> {
  const [first] = missingHeaderVariables(headers, env);
  if (first) throw new Error(`header ${first.header}: the environment variable ${first.variable} is not set`);
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, v.replace(VARIABLE, (_, name: string) => env[name] as string)]));
}
