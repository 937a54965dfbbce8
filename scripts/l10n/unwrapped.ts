/**
 * Finds user-visible text that was never wrapped in `l10n.t(...)`: a string literal with words
 * handed straight to an API that shows it. The translation bundle can only hold what the
 * export sees, so such a string stays English in every language and no other check notices.
 *
 * Precise on purpose: only the places below, and only text (a word, or a phrase with a
 * space). Ids, flags, image references and codicons (`$(refresh)`) pass. A line may say
 * `// l10n-ignore: <why>` (on it or the line before) for text that must stay as it is.
 *
 *   calls       window.show{Information,Warning,Error}Message (message and buttons),
 *               showQuickPick's string items, setStatusBarMessage, createWebviewPanel's title,
 *               MarkdownString.appendMarkdown/appendText
 *   new         TreeItem(label), MarkdownString(value), Diagnostic(range, message), Task(…, name),
 *               CodeAction(title), and any `new …Error(…)` (errors reach people through messages)
 *   properties  label, description, detail, placeHolder, prompt, title, tooltip and message, in
 *               object literals and assignments anywhere in src/ (tree items, quick pick items
 *               and the run form's fields are built as plain records in files without vscode;
 *               the language servers' completions, code actions and diagnostics too), `text =`
 *               assignments in files that import vscode (status bar items), and what a
 *               `validateInput` function returns
 */
import ts from 'typescript';

export interface Unwrapped {
  file: string;
  line: number;
  text: string;
  /** Which rule found it, e.g. "showErrorMessage", "label", "new EngineError". */
  where: string;
}

const messageCalls = new Set(['showInformationMessage', 'showWarningMessage', 'showErrorMessage']);
const firstArgCalls = new Set(['setStatusBarMessage', 'appendMarkdown', 'appendText']);
const uiProperties = new Set(['label', 'description', 'detail', 'placeHolder', 'placeholder', 'prompt', 'title', 'tooltip', 'message']);
/** Constructor name → indexes of its arguments that are shown. */
const shownArguments: Record<string, number[]> = { TreeItem: [0], MarkdownString: [0], Diagnostic: [1], Task: [2], CodeAction: [0] };

/** Names that stay as they are in every language (the glossary's product names). */
const productNames = /\b(Docker Hub|Docker Compose|Docker|Podman|Berth|BuildKit|hadolint|ShellCheck|Dockerfile)\b/g;

/** A string a person reads (not an id, a flag, a reference, a codicon or a product's name alone). */
export function isText(value: string): boolean {
  const words = value.replace(/\$\([\w~-]+\)/g, '').replace(/\{\d+\}/g, '').replace(productNames, '').trim();
  if (!/\p{L}{2,}/u.test(words)) return false;
  // One token of code-like characters (nginx:latest, --rm, app.port, notFound) is not text; a Capitalized word is.
  if (/^[-\w.:/@=+*~<>[\]#%]+$/.test(words) && !/^\p{Lu}\p{Ll}/u.test(words)) return false;
  return true;
}

/** The literal text of an expression when it shows unwrapped text; undefined when it is wrapped or not text. */
function unwrappedText(node: ts.Expression): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return isText(node.text) ? node.text : undefined;
  if (ts.isTemplateExpression(node)) {
    const literal = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join('{}');
    return isText(literal.replace(/\{\}/g, ' ')) ? literal : undefined;
  }
  if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node) || ts.isNonNullExpression(node)) return unwrappedText(node.expression);
  if (ts.isBinaryExpression(node)) {
    if (node.operatorToken.kind === ts.SyntaxKind.PlusToken) return unwrappedText(node.left) ?? unwrappedText(node.right);
    if (node.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || node.operatorToken.kind === ts.SyntaxKind.BarBarToken) return unwrappedText(node.right);
    return undefined;
  }
  if (ts.isConditionalExpression(node)) return unwrappedText(node.whenTrue) ?? unwrappedText(node.whenFalse);
  return undefined;
}

const calleeName = (expression: ts.Expression): string | undefined =>
  ts.isPropertyAccessExpression(expression) ? expression.name.text : ts.isIdentifier(expression) ? expression.text : undefined;

const propertyName = (name: ts.PropertyName | ts.MemberName): string | undefined =>
  ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isPrivateIdentifier(name) ? name.text : undefined;

/** Unwrapped user-visible strings in one TypeScript source file. */
export function findUnwrapped(file: string, source: string): Unwrapped[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const extensionSide = /from ['"]vscode['"]|require\(['"]vscode['"]\)/.test(source);
  const lines = source.split('\n');
  const ignored = (line: number) => /l10n-ignore/.test(lines[line] ?? '') || /^\s*\/\/.*l10n-ignore/.test(lines[line - 1] ?? '');
  const found: Unwrapped[] = [];
  const check = (expression: ts.Expression | undefined, where: string) => {
    if (!expression) return;
    const text = unwrappedText(expression);
    if (text === undefined) return;
    const line = sf.getLineAndCharacterOfPosition(expression.getStart(sf)).line;
    if (!ignored(line)) found.push({ file, line: line + 1, text, where });
  };
  const checkReturns = (fn: ts.Node, where: string) => {
    if ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn) || ts.isMethodDeclaration(fn)) && fn.body) {
      if (!ts.isBlock(fn.body)) return check(fn.body, where);
      const visitReturns = (node: ts.Node): void => {
        if (ts.isReturnStatement(node)) check(node.expression, where);
        if (!ts.isFunctionLike(node)) ts.forEachChild(node, visitReturns);
      };
      ts.forEachChild(fn.body, visitReturns);
    }
  };

  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const name = calleeName(node.expression);
      if (name && messageCalls.has(name)) {
        for (const arg of node.arguments) check(arg, name);
      } else if (name === 'showQuickPick' && node.arguments[0] && ts.isArrayLiteralExpression(node.arguments[0])) {
        for (const item of node.arguments[0].elements) check(item, name);
      } else if (name && firstArgCalls.has(name) && extensionSide) {
        check(node.arguments[0], name);
      } else if (name === 'createWebviewPanel') {
        check(node.arguments[1], name);
      }
    } else if (ts.isNewExpression(node)) {
      const name = calleeName(node.expression);
      const shown = name && extensionSide ? shownArguments[name] : undefined;
      if (shown) for (const i of shown) check(node.arguments?.[i], `new ${name}`);
      // FsError's first argument is its code (FileNotFound, …), not text.
      else if (name && /Error$/.test(name)) for (const arg of (node.arguments ?? []).slice(name === 'FsError' ? 1 : 0)) check(arg, `new ${name}`);
    } else if (ts.isPropertyAssignment(node)) {
      const name = propertyName(node.name);
      // A rule's title names it on its English page (docs/rules); the Korean pages carry their own.
      const ruleTitle = name === 'title' && /src\/language\/server\/rules\//.test(file.replace(/\\/g, '/'));
      if (name && uiProperties.has(name) && !ruleTitle) check(node.initializer, name);
      if (name === 'validateInput') checkReturns(node.initializer, name);
    } else if (ts.isMethodDeclaration(node) && propertyName(node.name) === 'validateInput') {
      checkReturns(node, 'validateInput');
    } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left)) {
      const name = node.left.name.text;
      if (uiProperties.has(name) || (extensionSide && name === 'text')) check(node.right, `${name} =`);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}
