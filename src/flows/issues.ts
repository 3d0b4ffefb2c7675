/**
 * zod issues → FlowErrors that an admin can act on: each with its line, state
 * and field, and a message in plain words rather than zod's defaults.
 */
import type { z } from 'zod';
import type { FlowError } from './flow-error';
import { placeOf, type FlowPath, type Locator } from './locate';
import { closest } from './suggest';

type Issue = z.core.$ZodIssue;

/** Messages for the generic issues the schema does not word itself. */
export const flowErrorMap: z.core.$ZodErrorMap = (iss) => {
  if (iss.code === 'invalid_type') {
    return iss.input === undefined ? 'required' : `expected ${article(iss.expected)}, got ${describe(iss.input)}`;
  }
  return undefined;
};

export function issuesToErrors(issues: readonly Issue[], base: { file: string; flow?: string }, locate: Locator): FlowError[] {
  return dropTypoedRequired(flatten(issues, [])).map(({ path, message }) => ({
    file: base.file,
    ...(base.flow !== undefined ? { flow: base.flow } : {}),
    ...placeOf(path),
    ...lineOf(locate, path),
    message,
  }));
}

function lineOf(locate: Locator, path: FlowPath): { line?: number } {
  const line = locate(path);
  return line !== undefined ? { line } : {};
}

interface Flat {
  path: FlowPath;
  message: string;
  /** Set on "unknown field" issues: the unknown field names. */
  unknown?: readonly string[];
}

/**
 * `labl: x` in place of `label: x` is one mistake: report the typo, which has
 * the better line and a suggestion, and not also "label: required".
 */
function dropTypoedRequired(flats: Flat[]): Flat[] {
  const typos = flats.filter((f) => f.unknown !== undefined);
  return flats.filter((f) => {
    if (f.message !== 'required') return true;
    const field = f.path[f.path.length - 1];
    const parent = f.path.slice(0, -1);
    return !typos.some(
      (t) => samePath(t.path.slice(0, -1), parent) && typeof field === 'string' && t.unknown?.some((k) => closest(k, [field]) === field),
    );
  });
}

function samePath(a: FlowPath, b: FlowPath): boolean {
  return a.length === b.length && a.every((p, i) => p === b[i]);
}

function flatten(issues: readonly Issue[], prefix: FlowPath): Flat[] {
  return issues.flatMap((iss): Flat[] => {
    const path = [...prefix, ...toPath(iss.path)];
    switch (iss.code) {
      case 'unrecognized_keys':
        // Point at the unknown field itself, so the line is the typo's line.
        return [{ path: [...path, iss.keys[0] ?? ''], message: iss.message, unknown: iss.keys }];
      case 'invalid_key':
        return flatten(iss.issues, path);
      case 'invalid_union': {
        const chosen = chooseBranch(iss.errors);
        return chosen ? flatten(chosen, path) : [{ path, message: iss.message }];
      }
      default:
        return [{ path, message: iss.message }];
    }
  });
}

/**
 * When every option of a union fails, zod reports them all. The option that got
 * furthest into the value is the one the author meant (`{ choice: [...] }` with a
 * bad option), so its issues are reported; when no option stands out, the union's
 * own message (which lists the accepted forms) is clearer.
 */
function chooseBranch(branches: readonly (readonly Issue[])[]): readonly Issue[] | undefined {
  const matched = branches.filter((b) => !b.some((i) => i.path.length === 0 && i.code === 'invalid_type'));
  if (matched.length === 1) return matched[0];
  const depth = (b: readonly Issue[]) => Math.max(...b.map((i) => i.path.length));
  const deepest = Math.max(...matched.map(depth));
  const best = matched.filter((b) => depth(b) === deepest);
  return best.length === 1 && deepest > 0 ? best[0] : undefined;
}

function toPath(path: readonly PropertyKey[]): Array<string | number> {
  return path.map((p) => (typeof p === 'number' ? p : String(p)));
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `${typeof value} ${String(value)}`;
}
