import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Every colour the page shows is a design token defined once in base.css's :root block, so a
// contrast fix or a new theme is one edit; elsewhere the style sheets may only say var(--…).

const rendererDir = path.join(import.meta.dirname, '../../../src-renderer');
const tokenFile = path.join(rendererDir, 'styles/base.css');

const colourLiteral =
  /#[0-9a-f]{3,8}\b|\b(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch|color)\(|(?<![\w-])(?:white|black|red|green|blue|gray|grey|silver|yellow|orange|purple|navy|maroon)(?![\w-])/i;

function cssFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return cssFiles(full);
    return entry.name.endsWith('.css') ? [full] : [];
  });
}

/** Comments blanked out (line numbers kept), so prose such as "black on white" is not a colour. */
function withoutComments(css: string): string {
  return css.replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ' '));
}

/** The token block: `:root { … }` at the top of base.css, the one place literals belong. */
function withoutTokenBlock(css: string): string {
  return css.replace(/:root\s*\{[^}]*\}/, (block) => block.replace(/[^\n]/g, ' '));
}

/** Each colour literal in a sheet, as `file:line: declaration`. */
function colourLiterals(file: string, css: string): string[] {
  const text = file === tokenFile ? withoutTokenBlock(withoutComments(css)) : withoutComments(css);
  return text.split('\n').flatMap((line, i) => {
    const declaration = line.includes(':') ? line.slice(line.indexOf(':') + 1) : '';
    return colourLiteral.test(declaration) ? [`${path.relative(rendererDir, file)}:${i + 1}: ${line.trim()}`] : [];
  });
}

describe('colours in the style sheets', () => {
  it('are all design tokens: no hex, rgb(), hsl() or named colour outside the token block', () => {
    const files = cssFiles(rendererDir);
    expect(files).toContain(tokenFile);
    const found = files.flatMap((file) => colourLiterals(file, fs.readFileSync(file, 'utf8')));
    expect(found).toEqual([]);
  });

  it('finds a literal in a declaration and leaves comments, tokens and var() alone', () => {
    const sheet = path.join(rendererDir, 'a.css');
    expect(colourLiterals(sheet, '.x {\n  color: #5c3200;\n}')).toEqual(['a.css:2: color: #5c3200;']);
    expect(colourLiterals(sheet, '.x { box-shadow: 0 1px 2px rgb(16 24 40 / 6%); }')).toHaveLength(1);
    expect(colourLiterals(sheet, '.x { border: 1px solid black; }')).toHaveLength(1);
    expect(colourLiterals(sheet, '/* black on white, #fff */\n.x { color: var(--color-text); white-space: nowrap; }')).toEqual([]);
    expect(colourLiterals(sheet, ':root { --color-text: #1b2631; }')).toHaveLength(1);
    expect(colourLiterals(tokenFile, ':root {\n  --color-text: #1b2631;\n}\nbody { color: #000; }')).toEqual(['styles/base.css:4: body { color: #000; }']);
  });

  it('defines every token it uses', () => {
    const defined = new Set(fs.readFileSync(tokenFile, 'utf8').match(/--[\w-]+(?=\s*:)/g));
    const used = cssFiles(rendererDir).flatMap((file) => [...withoutComments(fs.readFileSync(file, 'utf8')).matchAll(/var\((--[\w-]+)/g)].map((m) => m[1]!));
    expect(used.filter((token) => !defined.has(token))).toEqual([]);
  });
});
