/**
 * The protocol's lifecycle and the shape of request parameters: a request before `initialize`
 * is ServerNotInitialized, a second `initialize` and any request after `shutdown` are
 * InvalidRequest, and parameters that are not what the method takes are InvalidParams (never an
 * internal error from a handler that read a field of null).
 */
import { ErrorCodes, ResponseError } from 'vscode-languageserver';

type State = 'new' | 'running' | 'shutdown';

/** What a request's parameters hold besides the document: a position, a range and a context. */
export type ParamsShape = 'document' | 'position' | 'codeAction' | 'uri';

export interface Lifecycle {
  /** Call at the start of `initialize`: refuses a second one. */
  initialize(): void;
  /** Call at the start of `shutdown`. */
  shutdown(): void;
  /** `handler`, refused outside the running state or with parameters not of `shape`. */
  guard<P, R>(shape: ParamsShape, handler: (params: P) => R | Promise<R>): (params: P) => Promise<R>;
}

export function createLifecycle(): Lifecycle {
  let state: State = 'new';
  const check = (): void => {
    if (state === 'new') throw new ResponseError(ErrorCodes.ServerNotInitialized, 'The server is not initialized yet: send initialize first.');
    if (state === 'shutdown') throw new ResponseError(ErrorCodes.InvalidRequest, 'The server is shut down: only exit is accepted.');
  };
  return {
    initialize() {
      if (state !== 'new') throw new ResponseError(ErrorCodes.InvalidRequest, 'The server is already initialized.');
      state = 'running';
    },
    shutdown() {
      check();
      state = 'shutdown';
    },
    guard(shape, handler) {
      return async (params) => {
        check();
        const problem = paramsProblem(shape, params);
        if (problem) throw new ResponseError(ErrorCodes.InvalidParams, problem);
        return handler(params);
      };
    },
  };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isPosition = (v: unknown): boolean => isObject(v) && Number.isInteger(v['line']) && Number.isInteger(v['character']);

/** Why `params` do not fit `shape`, or undefined when they do. */
export function paramsProblem(shape: ParamsShape, params: unknown): string | undefined {
  if (!isObject(params)) return 'The parameters must be an object.';
  if (shape === 'uri') return typeof params['uri'] === 'string' ? undefined : 'uri must be a string.';
  const doc = params['textDocument'];
  if (!isObject(doc) || typeof doc['uri'] !== 'string') return 'textDocument.uri must be a string.';
  if (shape === 'position' && !isPosition(params['position'])) return 'position must have an integer line and character.';
  if (shape === 'codeAction') {
    const range = params['range'];
    if (!isObject(range) || !isPosition(range['start']) || !isPosition(range['end'])) return 'range must have a start and an end position.';
    const context = params['context'];
    if (!isObject(context) || !Array.isArray(context['diagnostics'])) return 'context.diagnostics must be an array.';
  }
  return undefined;
}
