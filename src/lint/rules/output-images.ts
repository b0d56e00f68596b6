import { realpathSync, statSync, type Stats } from 'node:fs';
import { resolve, sep } from 'node:path';
import type { ResolvedConfig } from '../../project/index.js';
import { TextMemo } from '../memo.js';
import { attr } from '../output-doc.js';
import { eachOutput, linksAndImages } from '../output-report.js';
import { inlineStyle } from '../css.js';
import { defineRule } from '../util.js';

export const outputImgSize = defineRule(
  { id: 'output-img-size', description: 'Images without width and height attributes in the rendered output', defaultSeverity: 'warning', needs: 'renders' },
  (c) =>
    eachOutput(c, (o) => {
      for (const el of linksAndImages(o.doc)) {
        if (el.name !== 'img') continue;
        const width = attr(el, 'width');
        const height = attr(el, 'height');
        if (width === undefined || width.trim() === '') {
          o.element(el, '<img> has no width attribute: Outlook ignores CSS widths and shows the image at the size of its file');
        } else if ((height === undefined || height.trim() === '') && inlineStyle(el).get('height') !== 'auto') {
          o.element(el, '<img> has no height attribute: the layout jumps while images load, and stays empty where they are blocked (a fluid image says style="height:auto")');
        }
      }
    }),
);

/** The path an image URL names under preview.assetsDir (not resolved: links in it not followed). */
function imagePath(src: string, config: ResolvedConfig): string | undefined {
  let memo = imagePaths.get(config);
  if (!memo) imagePaths.set(config, (memo = new TextMemo<string | null>()));
  const known = memo.get(src);
  if (known !== undefined) return known ?? undefined;
  return memo.set(src, readImagePath(src, config) ?? null) ?? undefined;
}

/** Image paths by URL for each config (a pure function of the URL and the config's two settings; bounded). */
const imagePaths = new WeakMap<ResolvedConfig, TextMemo<string | null>>();

function readImagePath(src: string, config: ResolvedConfig): string | undefined {
  const base = config.preview.assetsBaseUrl;
  const url = src.trim();
  if (!base || !url.startsWith(base)) return undefined;
  let rel: string;
  try {
    rel = decodeURIComponent(url.slice(base.length).replace(/[?#].*$/s, ''));
  } catch {
    return undefined;
  }
  const dir = resolve(config.preview.assetsDir);
  const file = resolve(dir, rel);
  return rel === '' || rel.includes('\0') || !file.startsWith(dir + sep) ? undefined : file;
}

/** The project file an image URL loads, when it is under preview.assetsBaseUrl inside the project. */
export function localImage(src: string, config: ResolvedConfig, root = realRoot(config)): string | undefined {
  const file = imagePath(src, config);
  if (!file) return undefined;
  try {
    // a symlink may not lead out of the project
    const real = realpathSync.native(file);
    return root !== undefined && real.startsWith(root + sep) ? real : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The size of the project file an image URL loads (see localImage), undefined when there is no
 * such file. A path found inside the project is kept with the identity of the file it led to: a
 * later lookup by the same path that reaches the same file (device, inode and change time) takes its size
 * from one stat without resolving the path again; any change resolves it again.
 */
function localImageSize(src: string, config: ResolvedConfig, root: string | undefined): number | undefined {
  const path = imagePath(src, config);
  if (!path || root === undefined) return undefined;
  let st: Stats | undefined;
  try {
    st = statSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
  if (!st?.isFile()) return undefined;
  const key = `${root}\0${path}`;
  const known = resolvedImages.get(key);
  if (known && st.dev === known.dev && st.ino === known.ino && st.ctimeMs === known.ctimeMs) return st.size;
  if (!localImage(src, config, root)) {
    resolvedImages.delete(key);
    return undefined;
  }
  if (resolvedImages.size >= 4096) resolvedImages.clear();
  resolvedImages.set(key, { dev: st.dev, ino: st.ino, ctimeMs: st.ctimeMs });
  return st.size;
}

const resolvedImages = new Map<string, { dev: number; ino: number; ctimeMs: number }>();

function realRoot(config: ResolvedConfig): string | undefined {
  try {
    return realpathSync.native(config.root);
  } catch {
    return undefined;
  }
}

/**
 * The sizes of the images of one scope (a lint run, or one email): each URL's file is looked at
 * once in it, so a file changed during a run may be seen as it was when the run first looked;
 * a later scope looks again. Bounded: it starts again empty past 10,000 URLs.
 */
export class ImageSizes {
  private readonly sizes = new Map<string, number | undefined>();
  private readonly root: string | undefined;

  constructor(private readonly config: ResolvedConfig) {
    this.root = realRoot(config);
  }

  /** The size in bytes of the project file `src` loads, undefined when it loads none. */
  of(src: string): number | undefined {
    if (this.sizes.has(src)) return this.sizes.get(src);
    if (this.sizes.size >= 10_000) this.sizes.clear();
    const size = localImageSize(src, this.config, this.root);
    this.sizes.set(src, size);
    return size;
  }
}

/** The image sizes of a run for a config, or of one email when there is no run (let go with the run). */
export function imageSizes(config: ResolvedConfig, run: object | undefined): ImageSizes {
  if (!run) return new ImageSizes(config);
  let byConfig = runSizes.get(run);
  if (!byConfig) runSizes.set(run, (byConfig = new WeakMap()));
  let sizes = byConfig.get(config);
  if (!sizes) byConfig.set(config, (sizes = new ImageSizes(config)));
  return sizes;
}

const runSizes = new WeakMap<object, WeakMap<ResolvedConfig, ImageSizes>>();

export const outputImgWeight = defineRule(
  { id: 'output-img-weight', description: 'Images held in the project (preview.assetsDir) whose file is larger than lint.maxImageKB', defaultSeverity: 'warning', needs: 'renders' },
  (c) => {
    if (!c.config.preview.assetsBaseUrl) return;
    const max = c.config.lint.maxImageKB * 1024;
    const sizes = imageSizes(c.config, c.run);
    eachOutput(c, (o) => {
      for (const el of linksAndImages(o.doc)) {
        if (el.name !== 'img') continue;
        const src = attr(el, 'src');
        const size = src ? sizes.of(src) : undefined;
        if (size !== undefined && size > max) {
          o.element(el, `The image file is ${(size / 1024).toFixed(0)} KB, more than lint.maxImageKB (${c.config.lint.maxImageKB} KB): it loads slowly on mobile data`);
        }
      }
    });
  },
);
