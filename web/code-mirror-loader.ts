/** CodeMirror is loaded once, on first use: the preview paints before the editor has arrived. */
type CodeMirrorModule = typeof import('./code-mirror.js');

let loading: Promise<CodeMirrorModule> | undefined;

export function loadCodeMirror(): Promise<CodeMirrorModule> {
  loading ??= import('./code-mirror.js');
  return loading;
}
