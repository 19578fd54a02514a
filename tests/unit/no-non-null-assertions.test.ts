import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// The extension's own code (utils/, components/) says where a value may be absent instead of
// asserting it away with `!`: a narrowed type, a handled absence, or a tighter type upstream.
const root = resolve(import.meta.dirname, '../..');

/** `file:line: expression` for every non-null assertion (`x!`) in `source`; `!==` and `!x` are not ones. */
function nonNullAssertions(file: string, source: string): string[] {
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const tree = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, false, kind);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isNonNullExpression(node)) found.push(`${file}:${tree.getLineAndCharacterOfPosition(node.getStart(tree)).line + 1}: ${node.getText(tree)}`);
    ts.forEachChild(node, visit);
  };
  visit(tree);
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

describe('no non-null assertions in the extension code', () => {
  it('finds one where there is one, and not in comparisons or negations', () => {
    const found = nonNullAssertions('x.ts', 'const a = m.get(k)!.n;\nif (a !== b && !c) f(d![0]);\n');
    expect(found).toEqual(['x.ts:1: m.get(k)!', 'x.ts:2: d!']);
  });

  it('utils/ and components/ have none', () => {
    const files = ['utils', 'components'].flatMap((dir) => sourceFiles(join(root, dir)));
    expect(files.length).toBeGreaterThan(100);
    const found = files.flatMap((file) => nonNullAssertions(relative(root, file), readFileSync(file, 'utf8')));
    expect(found).toEqual([]);
  }, 60_000); // parsing every file takes seconds on a busy machine
});
