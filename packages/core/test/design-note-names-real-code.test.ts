import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

// DESIGN.md walks a newcomer through the code by file and name: when code moves or a name changes, the
// note must change with it, or it sends readers to what is not there.
const packageRoot = fileURLToPath(new URL('..', import.meta.url));
const repoRoot = join(packageRoot, '..', '..');
const note = readFileSync(join(packageRoot, 'DESIGN.md'), 'utf8');
const codeSpans = [...note.matchAll(/`([^`\n]+)`/g)].map((match) => match[1]);

/** The text of every `.ts` file under the src/ of core, foundation and transport, and of the scripts. */
const sources = [
  ...['core', 'foundation', 'transport'].flatMap((name) =>
    sourceFiles(join(repoRoot, 'packages', name, 'src')),
  ),
  ...sourceFiles(join(repoRoot, 'scripts')),
].map((path) => readFileSync(path, 'utf8'));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return entry.endsWith('.ts') || entry.endsWith('.mjs') ? [path] : [];
  });
}

test('every file and folder the design note names exists in core', () => {
  const paths = codeSpans.filter((span) => /^[a-z][\w-]*\/[\w./-]*$/.test(span));
  assert.ok(paths.length > 30, `expected the note to name core's files, found ${paths.length}`);
  // A path is under src/, or from the package's or the repository's root (`src/`, `scripts/...`).
  const missing = paths.filter(
    (path) => ![join(packageRoot, 'src'), packageRoot, repoRoot].some((dir) => existsSync(join(dir, path))),
  );
  assert.deepEqual(missing, []);
});

test('every relative link of the design note leads to a file', () => {
  const links = [...note.matchAll(/\]\((?!https?:|#)([^)#]+)(?:#[^)]*)?\)/g)].map((match) => match[1]);
  assert.ok(links.length > 0);
  const missing = links.filter((link) => !existsSync(join(dirname(join(packageRoot, 'DESIGN.md')), link)));
  assert.deepEqual(missing, []);
});

test('every type, class and constant the design note names is declared in the source', () => {
  const names = codeSpans.filter(
    (span) => /^[A-Z][a-z]+[A-Z][A-Za-z]+$/.test(span) || /^[A-Z][A-Z0-9]*_[A-Z0-9_]+$/.test(span),
  );
  assert.ok(names.length > 20, `expected the note to name types and constants, found ${names.length}`);
  const declared = (name: string) =>
    sources.some((text) =>
      new RegExp(
        `(?:class|interface|type|const|function|enum)\\s+${name}\\b|export\\s*\\{[^}]*\\b${name}\\b`,
      ).test(text),
    );
  assert.deepEqual(
    names.filter((name) => !declared(name)),
    [],
  );
});
