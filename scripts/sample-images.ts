/**
 * Draws the sample emails' images (every https://cdn.example.com/northwind/ URL in samples/)
 * into samples/assets/, so the preview shows them with no network: the samples' config maps
 * that URL prefix to the folder (preview.assetsBaseUrl / preview.assetsDir). Each image is a
 * small HTML drawing screenshotted in Chromium. It also draws the images of the starter email
 * that `velvet init` writes (starter/assets/). Run: npx tsx scripts/sample-images.ts
 */
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const SAMPLES = fileURLToPath(new URL('../samples', import.meta.url));
const BASE = 'https://cdn.example.com/northwind/';
const OUT = join(SAMPLES, 'assets');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? (n === 'assets' ? [] : files(p)) : /\.(html|json)$/.test(n) ? [p] : [];
  });
}

const urls = new Set<string>();
for (const f of files(SAMPLES)) {
  for (const m of readFileSync(f, 'utf8').matchAll(/https:\/\/cdn\.example\.com\/northwind\/[A-Za-z0-9/_.-]+\.(?:png|jpg)/g)) urls.add(m[0]);
}

const hue = (s: string): number => [...s].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 360, 7);
const title = (name: string): string =>
  name.replace(/-(400|600)$/, '').replace(/^(cat|icon)-/, '').replace(/-/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase());

const ICONS: Record<string, string> = {
  facebook: 'f', instagram: '◎', youtube: '▶', boot: '▲', chat: '✉', return: '↺', ruler: '↔', truck: '➜',
};

/** Size and drawing of one image, by its name. */
function drawing(path: string): { w: number; h: number; html: string; png: boolean } {
  const name = path.replace(/^.*\//, '').replace(/\.\w+$/, '');
  const h0 = hue(name);
  const font = 'font-family:Arial,Helvetica,sans-serif';
  if (name === 'logo-white') {
    return { w: 320, h: 72, png: true, html: `<div style="${font};color:#fff;font-weight:bold;font-size:34px;line-height:72px;letter-spacing:1px">▲ NORTHWIND</div>` };
  }
  if (name.startsWith('icon-')) {
    const key = name.slice(5);
    const social = ['facebook', 'instagram', 'youtube'].includes(key);
    const size = social ? 56 : 72;
    const bg = social ? '#1f4d3a' : '#e7efe9';
    const fg = social ? '#ffffff' : '#1f4d3a';
    return {
      w: size, h: size, png: true,
      html: `<div style="width:${size}px;height:${size}px;border-radius:50%;background:${bg};color:${fg};${font};font-size:${size * 0.5}px;line-height:${size}px;text-align:center;font-weight:bold;font-family:'DejaVu Sans',sans-serif">${ICONS[key] ?? '•'}</div>`,
    };
  }
  if (name === 'placeholder-product') {
    return { w: 192, h: 192, png: true, html: `<div style="width:192px;height:192px;background:#ece9e2;color:#a29d92;${font};font-size:20px;line-height:192px;text-align:center">No image</div>` };
  }
  const wide = /hero|banner/.test(name);
  const [w, h] = wide ? [1200, name.includes('new-arrivals') ? 420 : 500] : name.startsWith('cat-') ? [320, 220] : name.startsWith('guide') ? [416, 280] : [400, 400];
  const mountains =
    `<div style="position:absolute;inset:0;background:linear-gradient(hsl(${h0},45%,82%),hsl(${(h0 + 40) % 360},40%,92%))"></div>` +
    `<div style="position:absolute;left:0;right:0;bottom:0;height:60%;background:hsl(${h0},30%,45%);clip-path:polygon(0 100%,0 55%,18% 20%,34% 60%,52% 5%,70% 50%,84% 25%,100% 60%,100% 100%)"></div>` +
    `<div style="position:absolute;left:0;right:0;bottom:0;height:35%;background:hsl(${h0},35%,28%);clip-path:polygon(0 100%,0 60%,25% 20%,45% 70%,65% 30%,100% 75%,100% 100%)"></div>`;
  const label = wide ? '' : `<div style="position:absolute;left:0;right:0;bottom:${h * 0.08}px;text-align:center;${font};color:#fff;font-size:${Math.round(w / 13)}px;font-weight:bold;text-shadow:0 1px 3px rgba(0,0,0,.4)">${title(name)}</div>`;
  return { w, h, png: false, html: `<div style="position:relative;width:${w}px;height:${h}px;overflow:hidden">${mountains}${label}</div>` };
}

const browser = await chromium.launch({ executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage();
for (const url of [...urls].sort()) {
  const rel = url.slice(BASE.length);
  const d = drawing(rel);
  await page.setViewportSize({ width: d.w, height: d.h });
  await page.setContent(`<html><body style="margin:0;background:${d.png ? 'transparent' : '#fff'}">${d.html}</body></html>`);
  const file = join(OUT, rel);
  mkdirSync(dirname(file), { recursive: true });
  await page.screenshot({ path: file, type: d.png ? 'png' : 'jpeg', quality: d.png ? undefined : 70, omitBackground: d.png, clip: { x: 0, y: 0, width: d.w, height: d.h } });
}

/** The starter's logo (white on the header colour) and two product pictures. */
const STARTER = fileURLToPath(new URL('../starter/assets', import.meta.url));
mkdirSync(STARTER, { recursive: true });
const starter: Record<string, { w: number; h: number; html: string }> = {
  'logo.png': {
    w: 320, h: 80,
    html: `<div style="font-family:Arial,Helvetica,sans-serif;color:#fff;font-size:36px;line-height:80px;font-weight:bold"><span style="display:inline-block;width:44px;height:44px;border-radius:12px;background:#fff;vertical-align:-9px;margin-right:14px"></span>Your brand</div>`,
  },
  ...Object.fromEntries(
    [['product-1.png', 250, 'Product one'], ['product-2.png', 160, 'Product two']].map(([file, h, text]) => [
      file,
      {
        w: 240, h: 240,
        html: `<div style="width:240px;height:240px;background:hsl(${h},45%,88%);display:flex;align-items:center;justify-content:center;flex-direction:column;font-family:Arial,Helvetica,sans-serif;color:hsl(${h},35%,30%);font-size:22px;font-weight:bold"><div style="width:110px;height:110px;border-radius:50%;background:hsl(${h},40%,62%);margin-bottom:16px"></div>${text}</div>`,
      },
    ]),
  ),
};
for (const [file, d] of Object.entries(starter)) {
  await page.setViewportSize({ width: d.w, height: d.h });
  await page.setContent(`<html><body style="margin:0;background:transparent">${d.html}</body></html>`);
  await page.screenshot({ path: join(STARTER, file), type: 'png', omitBackground: true, clip: { x: 0, y: 0, width: d.w, height: d.h } });
}
await browser.close();
console.log(`${urls.size} images in ${OUT}, ${Object.keys(starter).length} in ${STARTER}`);
