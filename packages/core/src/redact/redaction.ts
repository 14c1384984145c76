import { describeValue, SluiceConfigError } from '../errors.js';
import { optionKeys, rejectUnknownKeys } from '../option-keys.js';

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

const REDACT_OPTION_KEYS = optionKeys<RedactOptions>({ paths: true, keys: true, censor: true });

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
    const normalized = normalizeOptions(options);
    this.censor = normalized.censor ?? DEFAULT_CENSOR;
    if (typeof this.censor !== 'string') {
      throw new SluiceConfigError(`Invalid redact.censor: use a string, got ${typeof this.censor}.`);
    }
    this.root = newNode();
    for (const path of normalized.paths ?? []) addPath(this.root, parsePath(path));
    spreadWildcards(this.root);
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
    return this.hasKeys && (this.keys.has(key) || (hasUpperCase(key) && this.keys.has(key.toLowerCase())));
  }
}

/**
 * Most keys are already lower case; checking first spares them a `toLowerCase()` string per field
 * (the provide.foundation setup checks 15 sensitive names on every key it writes).
 */
function hasUpperCase(key: string): boolean {
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if ((c >= 0x41 && c <= 0x5a) || c > 0x7f) return true;
  }
  return false;
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

/**
 * `step` follows one edge per key, the named child when there is one, so a wildcard's paths must also
 * live under every named sibling: with `req.headers.authorization` and `*.token`, `req.token` is
 * hidden too. Done once here by copying each wildcard subtree into its siblings, top down.
 */
function spreadWildcards(node: RedactNode): void {
  const wildcard = node.wildcard;
  if (wildcard !== null) {
    for (const child of node.children.values()) mergeInto(child, wildcard);
    spreadWildcards(wildcard);
  }
  for (const child of node.children.values()) spreadWildcards(child);
}

/** Adds `source`'s paths to `target`, copying nodes so the two trees never share one. */
function mergeInto(target: RedactNode, source: RedactNode): void {
  if (source.censored) target.censored = true;
  for (const [key, sourceChild] of source.children) {
    let child = target.children.get(key);
    if (child === undefined) {
      child = newNode();
      target.children.set(key, child);
    }
    mergeInto(child, sourceChild);
  }
  if (source.wildcard !== null) {
    target.wildcard ??= newNode();
    mergeInto(target.wildcard, source.wildcard);
  }
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

/**
 * `['a.b']` or `{ paths, keys, censor }`. Anything else (`redact: 'password'`) would otherwise compile
 * to no redaction at all, silently.
 */
function normalizeOptions(options: unknown): Readonly<RedactOptions> {
  if (Array.isArray(options)) return { paths: options };
  if (typeof options !== 'object' || options === null) {
    throw new SluiceConfigError(
      `Invalid redact: ${describeValue(options)}. Use an array of paths or { paths, keys, censor }.`,
    );
  }
  rejectUnknownKeys(options, REDACT_OPTION_KEYS, 'redact options');
  const { paths, keys } = options as RedactOptions;
  if (paths !== undefined && !Array.isArray(paths)) {
    throw new SluiceConfigError(
      `Invalid redact.paths: ${describeValue(paths)}. Use an array of path strings.`,
    );
  }
  if (keys !== undefined && !Array.isArray(keys)) {
    throw new SluiceConfigError(`Invalid redact.keys: ${describeValue(keys)}. Use an array of key names.`);
  }
  return options as RedactOptions;
}
