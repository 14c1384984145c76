import { SluiceConfigError } from '../errors.js';

/** What to hide. Paths follow pino's syntax: `a.b.c`, `a["b-c"]`, `*` for any one key. */
export interface RedactOptions {
  /** Field paths whose values are replaced. */
  paths?: readonly string[];
  /** Key names replaced wherever they appear, top level included; matched case-insensitively. */
  keys?: readonly string[];
  /** The replacement value. Defaults to `'[REDACTED]'`. */
  censor?: string;
}

export const DEFAULT_CENSOR = '[REDACTED]';

/** One level of the compiled path tree. */
export interface RedactNode {
  readonly children: Map<string, RedactNode>;
  wildcard: RedactNode | null;
  /** The value at this node is censored. */
  censored: boolean;
}

/**
 * Redaction compiled once at logger creation: a tree of paths walked alongside the value being written,
 * and a set of key names. Values are replaced as they are written; the caller's object is never touched.
 */
export class Redaction {
  readonly root: RedactNode;
  readonly censor: string;
  private readonly keys: ReadonlySet<string>;
  readonly hasKeys: boolean;

  constructor(options: Readonly<RedactOptions> | readonly string[]) {
    const normalized: RedactOptions = isStringArray(options) ? { paths: options } : options;
    this.censor = normalized.censor ?? DEFAULT_CENSOR;
    if (typeof this.censor !== 'string') {
      throw new SluiceConfigError(`Invalid redact.censor: use a string, got ${typeof this.censor}.`);
    }
    this.root = newNode();
    for (const path of normalized.paths ?? []) addPath(this.root, parsePath(path));
    this.keys = new Set((normalized.keys ?? []).map(validateKey));
    this.hasKeys = this.keys.size > 0;
  }

  /** The node for `key` below `node` (null when no path continues there). */
  step(node: RedactNode | null, key: string): RedactNode | null {
    if (node === null) return null;
    return node.children.get(key) ?? node.wildcard;
  }

  /** Whether the value under `key` is hidden, given the node reached by `step`. */
  hides(next: RedactNode | null, key: string): boolean {
    if (next?.censored) return true;
    return this.hasKeys && (this.keys.has(key) || this.keys.has(key.toLowerCase()));
  }
}

function newNode(): RedactNode {
  return { children: new Map(), wildcard: null, censored: false };
}

function addPath(root: RedactNode, segments: readonly string[]): void {
  let node = root;
  for (const segment of segments) {
    if (segment === '*') {
      node.wildcard ??= newNode();
      node = node.wildcard;
    } else {
      let child = node.children.get(segment);
      if (child === undefined) {
        child = newNode();
        node.children.set(segment, child);
      }
      node = child;
    }
  }
  node.censored = true;
}

/** Splits `a.b["c.d"][*]` into `['a', 'b', 'c.d', '*']`. */
export function parsePath(path: string): string[] {
  if (typeof path !== 'string' || path.length === 0) {
    throw new SluiceConfigError(`Invalid redact path: ${JSON.stringify(path)}. Use a non-empty string.`);
  }
  const segments: string[] = [];
  let i = 0;
  while (i < path.length) {
    if (path[i] === '[') {
      const close = path.indexOf(']', i);
      if (close === -1) throw badPath(path, 'unclosed "["');
      let inner = path.slice(i + 1, close);
      const quote = inner[0];
      if ((quote === '"' || quote === "'") && inner.endsWith(quote) && inner.length >= 2) {
        inner = inner.slice(1, -1);
      } else if (inner !== '*' && !/^\d+$/.test(inner)) {
        throw badPath(path, 'brackets take a quoted key, an index or *');
      }
      segments.push(inner);
      i = close + 1;
      if (path[i] === '.') i++;
    } else {
      let end = i;
      while (end < path.length && path[end] !== '.' && path[end] !== '[') end++;
      const segment = path.slice(i, end);
      if (segment.length === 0) throw badPath(path, 'empty segment');
      segments.push(segment);
      i = path[end] === '.' ? end + 1 : end;
      if (path[end] === '.' && i === path.length) throw badPath(path, 'trailing "."');
    }
  }
  return segments;
}

function badPath(path: string, why: string): SluiceConfigError {
  return new SluiceConfigError(`Invalid redact path ${JSON.stringify(path)}: ${why}.`);
}

function validateKey(key: string): string {
  if (typeof key !== 'string' || key.length === 0) {
    throw new SluiceConfigError(`Invalid redact key: ${JSON.stringify(key)}. Use a non-empty string.`);
  }
  return key.toLowerCase();
}

function isStringArray(value: unknown): value is readonly string[] {
  return Array.isArray(value);
}
