/**
 * The template AST. Every node keeps its source span (0-based offsets into the template text) so
 * errors, lint findings and coverage can point at file:line:column.
 */
export interface Span {
  start: number;
  end: number;
}

export type Node =
  | TextNode
  | RefNode
  | SetNode
  | IfNode
  | ForeachNode
  | MacroDefNode
  | MacroCallNode
  | DefineNode
  | EvaluateNode
  | BreakNode
  | StopNode
  | LiteralDirectiveNode;

export interface TextNode {
  kind: 'text';
  value: string;
  span: Span;
}

export type RefPart =
  | {
      kind: 'prop';
      name: string;
      span: Span;
      /** Cache filled while rendering: the property is a plain map lookup on maps. */
      plainMap?: boolean;
    }
  | { kind: 'method'; name: string; args: Expr[]; span: Span }
  | { kind: 'index'; index: Expr; span: Span };

export interface RefNode {
  kind: 'ref';
  /** Variable name after `$`, `$!`, `${` or `$!{`. */
  root: string;
  quiet: boolean;
  formal: boolean;
  parts: RefPart[];
  /** `${a|b}` alternate value. */
  alt: Expr | undefined;
  /** Source text of the reference from `$` (without leading backslashes): printed when null. */
  literal: string;
  /** Number of backslashes written before the `$`. */
  backslashes: number;
  /**
   * Lone '$'/'$!' chars between those backslashes and the reference ('\\$!$a'): Velocity glues
   * them into the reference token and prints them only when the reference is not escaped.
   */
  morePrefix?: string;
  span: Span;
}

export interface SetNode {
  kind: 'set';
  target: RefNode;
  value: Expr;
  span: Span;
}

export interface IfBranch {
  cond: Expr;
  body: Node[];
  span: Span;
}

export interface IfNode {
  kind: 'if';
  branches: IfBranch[];
  elseBody: Node[] | undefined;
  elseSpan: Span | undefined;
  span: Span;
}

export interface ForeachNode {
  kind: 'foreach';
  varName: string;
  iterable: Expr;
  body: Node[];
  elseBody: Node[] | undefined;
  span: Span;
}

export interface MacroParam {
  name: string;
  default: Expr | undefined;
}

export interface MacroDefNode {
  kind: 'macrodef';
  name: string;
  params: MacroParam[];
  body: Node[];
  span: Span;
}

export interface MacroCallNode {
  kind: 'macrocall';
  name: string;
  args: Expr[];
  /** Body of a `#@name(...)...#end` block macro call. */
  body: Node[] | undefined;
  /** Source text printed when no macro of that name exists. */
  literal: string;
  span: Span;
}

export interface DefineNode {
  kind: 'define';
  target: RefNode;
  body: Node[];
  span: Span;
}

export interface EvaluateNode {
  kind: 'evaluate';
  arg: Expr;
  span: Span;
}

export interface BreakNode {
  kind: 'break';
  /** `#break($foreach)` names the scope to break (any other value is a render error). */
  scope: Expr | undefined;
  span: Span;
}

export interface StopNode {
  kind: 'stop';
  span: Span;
}

/** A directive-looking text that renders as written (`#@foo` without a body). */
export interface LiteralDirectiveNode {
  kind: 'literal';
  value: string;
  span: Span;
}

export type Expr =
  | { kind: 'str'; value: string; interp: Node[] | undefined; span: Span }
  | { kind: 'int'; value: number | bigint; text: string; span: Span }
  | { kind: 'float'; text: string; span: Span }
  | { kind: 'bool'; value: boolean; span: Span }
  | { kind: 'list'; items: Expr[]; span: Span }
  | { kind: 'map'; entries: [Expr, Expr][]; span: Span }
  | { kind: 'range'; from: Expr; to: Expr; span: Span }
  | { kind: 'ref'; ref: RefNode; span: Span }
  | { kind: 'word'; value: string; span: Span }
  | { kind: 'not'; operand: Expr; span: Span }
  | { kind: 'neg'; operand: Expr; span: Span }
  | { kind: 'binary'; op: BinaryOp; left: Expr; right: Expr; span: Span };

export type BinaryOp =
  | 'or'
  | 'and'
  | '=='
  | '!='
  | '<'
  | '>'
  | '<='
  | '>='
  | '+'
  | '-'
  | '*'
  | '/'
  | '%';

export interface TemplateAst {
  nodes: Node[];
  macros: Map<string, MacroDefNode>;
}
