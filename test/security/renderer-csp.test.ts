import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { compile } from 'svelte/compiler';
import { beforeAll, describe, expect, it } from 'vitest';
import { META_CONTENT_SECURITY_POLICY } from '../../electron/main/csp';

/*
 * The built renderer must work under the strict policy (electron/main/csp.ts) without relaxing
 * it: no inline script or style, no eval, nothing from another origin. In particular a static
 * `style="…"` attribute in a Svelte component ends up in a template string that the browser
 * parses, and the policy (style-src 'self', no 'unsafe-inline') silently drops it: use a class,
 * or a `style:` directive, which Svelte applies through the CSSOM. Needs out/ (npm test builds first).
 */

/** A start tag with a style attribute, inside a template string of a bundle. */
const STATIC_STYLE_ATTRIBUTE = /<[a-z][a-z0-9-]*\b[^<>`]*\sstyle=["'][^"']*["']/giu;

const renderer = resolve(import.meta.dirname, '../../out/renderer');
let html: string;
let scripts: Array<{ name: string; code: string }>;
let styles: Array<{ name: string; code: string }>;

beforeAll(async () => {
  if (!existsSync(join(renderer, 'index.html'))) throw new Error('out/renderer is not built: run `npx electron-vite build` (npm test does) first');
  html = await readFile(join(renderer, 'index.html'), 'utf8');
  const assets = join(renderer, 'assets');
  const names = existsSync(assets) ? await readdir(assets) : [];
  scripts = await Promise.all(names.filter((n) => n.endsWith('.js')).map(async (name) => ({ name, code: await readFile(join(assets, name), 'utf8') })));
  styles = await Promise.all(names.filter((n) => n.endsWith('.css')).map(async (name) => ({ name, code: await readFile(join(assets, name), 'utf8') })));
});

describe('the built renderer under the Content-Security-Policy', () => {
  it('carries the policy in its meta tag', () => {
    expect(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/iu.exec(html)?.[1]).toBe(META_CONTENT_SECURITY_POLICY);
  });

  it('has no inline script, inline style, style attribute or event-handler attribute in index.html', () => {
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/iu);
    expect(html).not.toMatch(/<style[\s>]/iu);
    expect(html).not.toMatch(/<[a-z][^>]*\sstyle=/iu);
    expect(html).not.toMatch(/<[a-z][^>]*\son[a-z]+=/iu);
  });

  it('loads its scripts and styles from its own origin only', () => {
    const references = [...html.matchAll(/\s(?:src|href)="([^"]*)"/giu)].map((m) => m[1]!);
    expect(references.length).toBeGreaterThan(0);
    for (const reference of references) expect(reference, reference).toMatch(/^\.?\/?assets\/[\w.-]+$/u);
    for (const { name, code } of styles) {
      expect(code, name).not.toMatch(/url\(\s*['"]?(?:https?:|\/\/)/iu);
      expect(code, name).not.toMatch(/@import\s/iu);
    }
  });

  it('has no static style attribute in any component template (the policy would drop it)', () => {
    expect(scripts.length).toBeGreaterThan(0);
    for (const { name, code } of scripts) {
      const attributes = [...code.matchAll(STATIC_STYLE_ATTRIBUTE)].map((m) => m[0]);
      expect(attributes, `${name}: use a class or a style: directive instead`).toEqual([]);
    }
  });

  it('would notice one: Svelte puts a static style attribute into the template string, a style: directive not', () => {
    const compiled = (source: string) => compile(source, { generate: 'client', dev: false }).js.code;
    expect([...compiled('<div style="color: blue">a</div>').matchAll(STATIC_STYLE_ATTRIBUTE)]).toHaveLength(1);
    expect([...compiled('<script>let c = $state("blue");</script><div style:color={c}>a</div>').matchAll(STATIC_STYLE_ATTRIBUTE)]).toHaveLength(0);
  });

  it('needs no eval: neither eval() nor new Function', () => {
    for (const { name, code } of scripts) {
      expect(code, name).not.toMatch(/\beval\s*\(/u);
      expect(code, name).not.toMatch(/\bnew\s+Function\s*\(/u);
    }
  });
});
