/**
 * A parsed YAML document's value, or why it has none, with the line. yaml reports most
 * problems in `doc.errors`, but `toJS()` throws a ReferenceError for an alias used before
 * its anchor, and for more aliases than it allows (an "alias bomb"): an admin's upload
 * must be told the line, not answered with a 500.
 *
 * ```ts
 * const read = yamlValue(doc, lines);
 * if ('problem' in read) return [{ file, line: read.problem.line, message: read.problem.message }];
 * ```
 */
import { isAlias, visit, type Document, type LineCounter } from 'yaml';

export interface YamlValueProblem {
  /** The alias at fault (the first unresolved one), when there is one. */
  line?: number;
  message: string;
}

export function yamlValue(doc: Document, lines: LineCounter): { value: unknown } | { problem: YamlValueProblem } {
  try {
    return { value: doc.toJS() };
  } catch (err) {
    if (!(err instanceof ReferenceError)) throw err;
    const line = aliasLine(doc, lines);
    return { problem: { ...(line !== undefined ? { line } : {}), message: `YAML: ${err.message}` } };
  }
}

/** The line of the first alias with no anchor before it, else of the first alias. */
function aliasLine(doc: Document, lines: LineCounter): number | undefined {
  let first: number | undefined;
  let unresolved: number | undefined;
  visit(doc, {
    Alias(_key, node) {
      const line = node.range ? lines.linePos(node.range[0]).line : undefined;
      first ??= line;
      if (isAlias(node) && node.resolve(doc) === undefined) {
        unresolved = line;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return unresolved ?? first;
}
