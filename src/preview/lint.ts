/**
 * The lint findings of one email. The linter is loaded on demand, so the preview works (and says
 * "lint not available") in a build without src/lint.
 */
import { isAbsolute } from 'node:path';
import type { Email, ResolvedConfig } from '../project/index.js';
import type { Diagnostic, LintResponse } from './protocol.js';

interface LintModule {
  lintEmail(email: Email, config: ResolvedConfig): Promise<Diagnostic[]>;
  /** Every syntax error of a template, with the clearer messages of lint (see src/lint/recover.ts). */
  parseWithRecovery?(source: string, name: string): { problems: { message: string; offset: number }[] };
}

// A variable keeps TypeScript and bundlers from requiring the module to exist at build time.
const LINT_MODULE = '../lint/index.js';

let loaded: LintModule | undefined;

async function loadLinter(): Promise<LintModule | string> {
  if (loaded) return loaded;
  try {
    const mod = (await import(/* @vite-ignore */ LINT_MODULE)) as Partial<LintModule>;
    if (typeof mod.lintEmail !== 'function') return 'the lint module has no lintEmail()';
    loaded = mod as LintModule;
    return loaded;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || /Cannot find module|Failed to load url|does not exist/i.test(String((err as Error).message))) {
      return 'lint not available in this build';
    }
    return `lint could not be loaded: ${(err as Error).message}`;
  }
}

let settled = false;

/** Loads the linter ahead of its first use, so `syntaxProblems` has it from the start. */
export async function preloadLinter(): Promise<void> {
  await loadLinter();
  settled = true;
}

/** True once loading the linter was tried, whether it loaded or not. */
export function linterSettled(): boolean {
  return settled || loaded !== undefined;
}

/** True once the linter is loaded (syntaxProblems answers). */
export function linterLoaded(): boolean {
  return loaded !== undefined;
}

/** The linter's syntax problems of `source`, when the linter is loaded; undefined otherwise. */
export function syntaxProblems(source: string, name: string): { message: string; offset: number }[] | undefined {
  return loaded?.parseWithRecovery?.(source, name).problems;
}

export async function lintForPreview(
  email: Email,
  config: ResolvedConfig,
  errorInfo: (err: unknown) => import('./protocol.js').ErrorInfo,
  rel: (file: string) => string,
): Promise<LintResponse> {
  const linter = await loadLinter();
  if (typeof linter === 'string') return { available: false, reason: linter };
  try {
    const diagnostics = await linter.lintEmail(email, config);
    return { available: true, diagnostics: diagnostics.map((d) => ({ ...d, file: isAbsolute(d.file) ? rel(d.file) : d.file })) };
  } catch (err) {
    return { available: true, error: errorInfo(err) };
  }
}
