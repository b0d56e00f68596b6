/**
 * velvet's public API: the Velocity engine, payload fixtures, email folders and errors.
 * The preview server, the Yespo client and the CLI are separate entry points so that importing
 * the engine loads neither Vite nor the HTTP client.
 */
export { compile, render, parse, toJava, toPayload, DEFAULT_LIMITS } from './engine/index.js';
export type {
  CompileOptions,
  Limits,
  RenderOptions,
  RenderResult,
  RenderTrace,
  Template,
  TemplateAst,
  Value,
} from './engine/index.js';
export { parseJson } from './json/index.js';
export type { ParsedJson } from './json/index.js';
export { loadFixture, parseFixture, detectFormat, FIXTURE_FORMATS } from './fixtures/index.js';
export type { Fixture, FixtureFormat, FixtureOptions, FixtureVariant } from './fixtures/index.js';
export {
  applyMergeTags,
  findConfig,
  listVariants,
  loadConfig,
  loadEmail,
  loadProject,
  normalizeConfig,
  renderEmail,
} from './project/index.js';
export type { Email, EmailRef, Project, RenderedEmail, ResolvedConfig } from './project/index.js';
export {
  ConfigError,
  DataError,
  LimitError,
  ParseError,
  RenderError,
  UsageError,
  VelvetError,
  codeFrame,
} from './errors.js';
export type { ErrorPayload } from './errors.js';
