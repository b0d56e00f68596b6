export { parseJson, pointerSegments, toPointer } from './parse.js';
export type { ParsedJson, ParseJsonOptions, Position } from './parse.js';
export { toJava } from './java.js';
