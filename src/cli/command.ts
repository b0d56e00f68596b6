/** The shape every CLI command module exports as `command`. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Current working directory for resolving relative paths. */
  cwd: string;
  /** Environment (process.env in real runs; tests pass their own). */
  env: Record<string, string | undefined>;
  /** True when stdout is a terminal and NO_COLOR is not set. */
  color: boolean;
  /** True when stderr is a terminal (progress lines may update in place). Default: `color`. */
  interactive?: boolean | undefined;
  /** Reads all of standard input (tests pass their own; default: process.stdin). */
  stdin?: (() => Promise<string>) | undefined;
}

export interface Command {
  name: string;
  /** One line for `velvet --help`. */
  summary: string;
  /** Full `velvet NAME --help` text (a function when the text needs modules the command loads only when it runs). */
  help: string | (() => Promise<string>);
  /** Runs the command; resolves to the exit code (0 ok, 1 failure, 2 usage or data error). */
  run(argv: string[], io: CliIO): Promise<number>;
}
