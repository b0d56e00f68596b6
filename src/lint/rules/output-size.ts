import { defineRule } from '../util.js';

/** Gmail clips messages whose HTML is larger than 102 KB. */
export const GMAIL_CLIP_BYTES = 102 * 1024;

export const outputSize = defineRule(
  { id: 'output-size', description: 'Rendered HTML above Gmail\'s clipping threshold (102 KB)', defaultSeverity: 'warning', needs: 'renders' },
  (c) => {
    for (const r of c.renders()) {
      const size = r.result.sizeBytes;
      if (r.result.html === undefined || size <= GMAIL_CLIP_BYTES) continue;
      c.report({ message: `The output is ${(size / 1024).toFixed(1)} KB; Gmail clips messages above 102 KB`, span: { start: 0, end: 0 }, fixture: r.label });
    }
  },
);
