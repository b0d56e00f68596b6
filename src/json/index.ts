export { parseJson } from './parse.js';
export { pointerSegments, toPointer } from './pointer.js';
export type { ParsedJson, ParseJsonOptions, Position } from './parse.js';
export { copyJava, toJava } from './java.js';
