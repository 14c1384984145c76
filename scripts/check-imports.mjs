#!/usr/bin/env node
// `pnpm lint` runs this: the import structure of every package's src/. No file may import itself back
// through other files (a cycle between files), and no folder may: the folders of a package must form
// layers, each importing only the ones below it. Cycles that exist today are listed in KNOWN_CYCLES, so
// the check fails on a new one and on a listed one that is gone (take it off the list: it only shrinks).
// A package whose order of layers is written down in LAYERS is held to that order as well.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Cycles left to break (issue: a layered codebase), as this script names them. */
const KNOWN_CYCLES = new Set([]);

/**
 * Packages whose folders are declared as layers, bottom to top ('.' is the package's top-level files):
 * a file may import its own folder and the folders listed before it, never one listed after it. A
 * folder missing from its package's list fails the check, so a new folder gets a place in the order.
 */
const LAYERS = {
  // packages/transport/DESIGN.md, "Folders", says what each layer holds.
  transport: [
    'layout',
    'control',
    'ring',
    'render',
    'destination',
    'destination/syslog',
    'destination/otlp',
    'target',
    'routing',
    'lifecycle',
    'worker',
    '.',
    'adapters',
  ],
};

/** `import ... from './x.js'`, `export ... from '../y.js'`, `import './z.js'`: relative specifiers. */
const RELATIVE_IMPORT =
  /(?:^|\n)\s*(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\s+from\s+)?['"](\.{1,2}\/[^'"]+)['"]/g;

function sourceFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The strongly connected components of more than one node (Tarjan): each is a cycle. */
function cycles(graph) {
  let next = 0;
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const found = [];
  const visit = (node) => {
    index.set(node, next);
    low.set(node, next);
    next++;
    stack.push(node);
    onStack.add(node);
    for (const to of graph.get(node) ?? []) {
      if (!graph.has(to)) continue;
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node), low.get(to)));
      } else if (onStack.has(to)) {
        low.set(node, Math.min(low.get(node), index.get(to)));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component = [];
    let member;
    do {
      member = stack.pop();
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1) found.push(component.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}

/** Every cycle of one package, named as KNOWN_CYCLES names them, with the imports that close it. */
function packageCycles(name, src) {
  const files = new Map();
  const folders = new Map();
  const folderOf = (file) => dirname(file);
  for (const path of sourceFiles(src)) {
    const file = relative(src, path);
    const targets = [...readFileSync(path, 'utf8').matchAll(RELATIVE_IMPORT)].map((match) =>
      relative(src, join(dirname(path), match[1].replace(/\.js$/, '.ts'))),
    );
    files.set(file, targets);
    const from = folderOf(file);
    if (!folders.has(from)) folders.set(from, new Set());
    // The package's top-level files (index.ts, the options) sit above every folder.
    for (const target of targets)
      if (folderOf(target) !== from && from !== '.') folders.get(from).add(folderOf(target));
  }
  const found = [];
  for (const component of cycles(folders)) {
    const members = new Set(component);
    const edges = [...files].flatMap(([file, targets]) =>
      targets
        .filter(
          (t) => members.has(folderOf(file)) && members.has(folderOf(t)) && folderOf(t) !== folderOf(file),
        )
        .map((t) => `${file} -> ${t}`),
    );
    found.push({ name: `${name}: folders ${component.join(', ')}`, edges });
  }
  for (const component of cycles(files)) {
    const members = new Set(component);
    const edges = component.flatMap((file) =>
      files
        .get(file)
        .filter((t) => members.has(t))
        .map((t) => `${file} -> ${t}`),
    );
    found.push({ name: `${name}: files ${component.join(', ')}`, edges });
  }
  return found;
}

/** Imports against a package's declared layers (LAYERS), each as `file -> target`. */
function layerViolations(name, src) {
  const layers = LAYERS[name];
  if (layers === undefined) return [];
  const rank = new Map(layers.map((folder, i) => [folder, i]));
  const found = [];
  for (const path of sourceFiles(src)) {
    const file = relative(src, path);
    const from = dirname(file);
    if (!rank.has(from)) {
      found.push(`${name}: folder ${from} is not in LAYERS (scripts/check-imports.mjs): ${file}`);
      continue;
    }
    for (const match of readFileSync(path, 'utf8').matchAll(RELATIVE_IMPORT)) {
      const target = relative(src, join(dirname(path), match[1].replace(/\.js$/, '.ts')));
      const to = dirname(target);
      if (to !== from && !(rank.get(to) < rank.get(from))) {
        found.push(`${name}: ${file} -> ${target} (${from} may import only the layers below it)`);
      }
    }
  }
  return found;
}

const found = readdirSync(join(root, 'packages')).flatMap((name) => {
  const src = join(root, 'packages', name, 'src');
  try {
    statSync(src);
  } catch {
    return [];
  }
  return packageCycles(name, src);
});

let failed = false;
const violations = readdirSync(join(root, 'packages')).flatMap((name) => {
  const src = join(root, 'packages', name, 'src');
  try {
    statSync(src);
  } catch {
    return [];
  }
  return layerViolations(name, src);
});
for (const violation of violations) {
  failed = true;
  process.stderr.write(`check-imports: an import against the layering, ${violation}\n`);
}
for (const cycle of found) {
  if (KNOWN_CYCLES.has(cycle.name)) continue;
  failed = true;
  process.stderr.write(`check-imports: a new import cycle, ${cycle.name}:\n  ${cycle.edges.join('\n  ')}\n`);
}
const names = new Set(found.map((cycle) => cycle.name));
for (const known of KNOWN_CYCLES) {
  if (names.has(known)) continue;
  failed = true;
  process.stderr.write(
    `check-imports: "${known}" is gone: take it off KNOWN_CYCLES in scripts/check-imports.mjs\n`,
  );
}
if (failed) process.exit(1);
process.stdout.write(`check-imports: no new import cycle (${KNOWN_CYCLES.size} known, left to break)\n`);
