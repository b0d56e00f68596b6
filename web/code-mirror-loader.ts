/**
 * CodeMirror is loaded once, on first use, and never before the email: the import starts when
 * the frame has shown its first render (or after 2 s, in a project without emails), so the
 * editor's modules do not compete with the first paint. Until then the views show plain text.
 */
type CodeMirrorModule = typeof import('./code-mirror.js');

const EMAIL_FIRST_MS = 2000;

let loading: Promise<CodeMirrorModule> | undefined;

/** Counted from the start of the page: a view opened later loads the editor at once. */
const emailShown = new Promise<void>((resolve) => {
  window.addEventListener('velvet-frame-shown', () => resolve(), { once: true });
  setTimeout(resolve, EMAIL_FIRST_MS);
});

export function loadCodeMirror(): Promise<CodeMirrorModule> {
  loading ??= emailShown.then(() => import('./code-mirror.js'));
  return loading;
}
