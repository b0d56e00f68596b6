import { describe, expect, it } from 'vitest';
import { assetMapper } from '../../src/preview/assets.js';
import { normalizeConfig } from '../../src/project/index.js';

const config = (preview: { assetsBaseUrl?: string; assetsDir?: string }) => normalizeConfig({ preview }, { root: '/p' });

describe('preview.assetsBaseUrl', () => {
  it('maps the URLs a browser loads under the base URL to the local folder, and leaves links alone', () => {
    const map = assetMapper(config({ assetsBaseUrl: 'https://cdn.example.com/brand/', assetsDir: 'img/email' }))!;
    const html =
      '<img src="https://cdn.example.com/brand/logo.png" alt="">' +
      '<img srcset="https://cdn.example.com/brand/a.png 1x, https://cdn.example.com/brand/a@2x.png 2x">' +
      '<td background=\'https://cdn.example.com/brand/bg.jpg\' style="background-image:url(https://cdn.example.com/brand/bg.jpg)">' +
      '<a href="https://cdn.example.com/brand/logo.png">https://cdn.example.com/brand/</a>' +
      '<img src="https://cdn.example.com/other/x.png">';
    expect(map(html)).toBe(
      '<img src="/__velvet/files/img/email/logo.png" alt="">' +
        '<img srcset="/__velvet/files/img/email/a.png 1x, /__velvet/files/img/email/a@2x.png 2x">' +
        '<td background=\'/__velvet/files/img/email/bg.jpg\' style="background-image:url(/__velvet/files/img/email/bg.jpg)">' +
        '<a href="https://cdn.example.com/brand/logo.png">https://cdn.example.com/brand/</a>' +
        '<img src="https://cdn.example.com/other/x.png">',
    );
  });

  it('maps nothing without a base URL, or when the folder lies outside the project', () => {
    expect(assetMapper(config({}))).toBeUndefined();
    expect(assetMapper(config({ assetsBaseUrl: 'https://cdn.example.com/', assetsDir: '../elsewhere' }))).toBeUndefined();
  });
});
