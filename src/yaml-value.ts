/**
 * A parsed YAML document's value, or why it has none, with the line. yaml reports most
 * problems in `doc.errors`, but `toJS()` throws for some: an alias used before its anchor,
 * more aliases than it allows (an "alias bomb"), a YAML 1.1 merge (`<<`) of something that
 * is not a mapping. An admin's upload must be told the line, not answered with a 500, so
 * anything `toJS()` throws is a problem of the document.
 *
 * ```ts
 * const read = yamlValue(doc, lines);
 * if ('problem' in read) return [{ file, line: read.problem.line, message: read.problem.message }];
 * ```
 */
import { isAlias, visit, type Document, type LineCounter } from 'yaml';

export interface YamlValueProblem {
  /** The alias at fault (the first unresolved one, else the first), when there is one. */
  line?: number;
  message: string;
}

export function yamlValue(doc: Document, lines: LineCounter): { value: unknown } | { problem: YamlValueProblem } {
  try {
    return { value: doc.toJS() };
  } catch (err) {
    const line = aliasLine(doc, lines);
    return { problem: { ...(line !== undefined ? { line } : {}), message: `YAML: ${err instanceof Error ? err.message : String(err)}` } };
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
