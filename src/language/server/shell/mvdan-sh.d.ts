/**
 * The slice of mvdan-sh's API the shell model uses. mvdan-sh is mvdan/sh compiled to
 * JavaScript by GopherJS and ships no types; node shapes follow mvdan.cc/sh/v3/syntax.
 */
declare module 'mvdan-sh' {
  export interface Pos {
    /** Byte offset (UTF-8) into the parsed source. */
    Offset(): number;
  }
  export interface Node {
    Pos(): Pos;
    End(): Pos;
  }
  export interface WordPart extends Node {
    Value?: string;
    Parts?: WordPart[];
  }
  export interface Word extends Node {
    Parts: WordPart[];
  }
  export interface Redirect extends Node {
    Op: number;
    Word: Word | null;
    Hdoc: Word | null;
  }
  export interface Stmt extends Node {
    Cmd: Command | null;
    Redirs: Redirect[];
  }
  export interface Command extends Node {
    Args?: Word[];
    Op?: number;
    X?: Stmt;
    Y?: Stmt;
  }
  export interface File extends Node {
    Stmts: Stmt[];
  }
  export interface Parser {
    Parse(src: string, name: string): File;
  }
  export const syntax: {
    NewParser(...options: unknown[]): Parser;
    Variant(lang: unknown): unknown;
    LangBash: unknown;
    NodeType(node: unknown): string;
    Walk(node: Node, visit: (node: Node | null) => boolean): void;
  };
}
