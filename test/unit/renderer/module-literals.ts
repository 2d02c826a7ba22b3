/**
 * Finds user-facing English written in a renderer module instead of the string catalogue. Heuristic (a
 * module cannot be run to see what it shows): a string or template literal whose fixed text holds a word
 * of two or more letters followed by a space (prose such as `'just now'`, `` `${n} min ago` ``), or ends
 * in a unit word after a value (`` `${n} jobs/s` ``), or is a one-word sentence (`'Saved.'`). Not flagged, as they are not shown: import/export
 * specifiers, type positions, operands of comparisons and `case` labels (machine values such as
 * `'esriJobFailed'`), arguments of `includes`/`startsWith`/`endsWith`/`test`/`match`/`replace`/`split`/`querySelector` and
 * of `new Error` (developer messages that are not shown as typed), and text of no letters (`'…'`, `' · '`).
 */
import ts from 'typescript';

const PROSE = /\p{L}{2,}\s+\p{L}|^\p{Lu}\p{Ll}+[.!?…]$/u;
const UNIT_AFTER_VALUE = /^\s+\p{L}{2,}/u;
const MACHINE_CALLS = new Set([
  'includes',
  'startsWith',
  'endsWith',
  'test',
  'match',
  'matchAll',
  'replace',
  'split',
  'querySelector',
  'querySelectorAll',
  'getItem',
  'setItem',
  'addEventListener',
  'removeEventListener',
]);

function ignored(node: ts.Node): boolean {
  for (let at: ts.Node = node; at.parent; at = at.parent) {
    const parent = at.parent;
    if (ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent) || ts.isTypeNode(parent))
      return true;
    if (ts.isCaseClause(parent) && parent.expression === at) return true;
    if (ts.isBinaryExpression(parent)) {
      const op = parent.operatorToken.kind;
      if (
        op === ts.SyntaxKind.EqualsEqualsEqualsToken ||
        op === ts.SyntaxKind.ExclamationEqualsEqualsToken ||
        op === ts.SyntaxKind.EqualsEqualsToken ||
        op === ts.SyntaxKind.ExclamationEqualsToken
      )
        return true;
    }
    if (
      ts.isNewExpression(parent) &&
      ts.isIdentifier(parent.expression) &&
      parent.expression.text === 'Error'
    )
      return true;
    if (ts.isCallExpression(parent) && parent.arguments.includes(at as ts.Expression)) {
      const callee = parent.expression;
      const name = ts.isPropertyAccessExpression(callee)
        ? callee.name.text
        : ts.isIdentifier(callee)
          ? callee.text
          : '';
      if (MACHINE_CALLS.has(name)) return true;
    }
    if (ts.isStatement(parent) || ts.isFunctionLike(parent)) return false;
  }
  return false;
}

/** Literal prose in a TypeScript module's code: the fixed text of each flagged literal. */
export function moduleLiterals(source: string, fileName = 'module.ts'): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      if (PROSE.test(node.text) && !ignored(node)) found.push(node.text);
    } else if (ts.isTemplateExpression(node)) {
      const parts = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)];
      const tails = node.templateSpans.map((s) => s.literal.text);
      if ((parts.some((p) => PROSE.test(p)) || tails.some((p) => UNIT_AFTER_VALUE.test(p))) && !ignored(node))
        found.push(node.getText(file));
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}
