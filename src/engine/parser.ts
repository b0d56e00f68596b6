/** The template parser (see parser/template.ts). */
export { parse, type ParseOptions } from './parser/template.js';
