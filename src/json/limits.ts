/**
 * Jackson's StreamReadConstraints (2.15 and later): payloads are untrusted, and a number of a
 * million digits or a string of a billion characters would cost a render (or the process) dearly,
 * so they are refused as Jackson refuses them.
 */
export const MAX_NUMBER_LENGTH = 1000;
export const MAX_STRING_LENGTH = 20_000_000;
/** Maximum nesting of arrays and objects (Jackson's maxNestingDepth). */
export const MAX_NESTING = 1000;
