/**
 * From a path inside a flow definition (`['states', 'spo2', 'next']`) to where
 * it sits in the YAML text, so that every error can name its line. A path that
 * goes further than the file (a missing field) gets the line of the deepest part
 * that exists: the state's own line, for a state that lacks `next`.
 */
import { isAlias, isMap, isNode, isScalar, isSeq, type Document, type LineCounter } from 'yaml';

export type FlowPath = ReadonlyArray<string | number>;

/** The 1-based line of a path, when known. */
export type Locator = (path: FlowPath) => number | undefined;

export const noLocator: Locator = () => undefined;

export function yamlLocator(doc: Document, lines: LineCounter): Locator {
  const lineOf = (node: unknown): number | undefined =>
    isNode(node) && node.range ? lines.linePos(node.range[0]).line : undefined;

  return (path) => {
    let node: unknown = doc.contents;
    let line = lineOf(node) ?? 1;
    for (const segment of path) {
      if (isAlias(node)) node = node.resolve(doc);
      if (isMap(node)) {
        const pair = node.items.find((p) => String(isScalar(p.key) ? p.key.value : p.key) === String(segment));
        if (!pair) break;
        // The key's line, not the value's: `next:` followed by a block list names the field's own line.
        line = lineOf(pair.key) ?? lineOf(pair.value) ?? line;
        node = pair.value;
      } else if (isSeq(node) && typeof segment === 'number') {
        const item: unknown = node.items[segment];
        if (item === undefined) break;
        line = lineOf(item) ?? line;
        node = item;
      } else {
        break;
      }
    }
    return line;
  };
}

/** `state` and `field` of an error from its path: `['states', 'a', 'next', 1, 'goto']` → `a`, `next[1].goto`. */
export function placeOf(path: FlowPath): { state?: string; field?: string } {
  if (path[0] === 'states' && path.length >= 2) {
    const field = formatPath(path.slice(2));
    return { state: String(path[1]), ...(field ? { field } : {}) };
  }
  const field = formatPath(path);
  return field ? { field } : {};
}

function formatPath(path: FlowPath): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}
