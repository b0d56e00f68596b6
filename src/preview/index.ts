/** The preview server (`velvet preview`); loaded only by that command, so the engine never pulls in Vite. */
export { DEFAULT_HOST, DEFAULT_PORT, startPreview } from './server.js';
export type { PreviewOptions, PreviewServer } from './server.js';
export type * from './protocol.js';
export { htmlToText } from './plain-text.js';
