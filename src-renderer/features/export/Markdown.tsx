import type { ReactNode } from 'react';

/**
 * Renders the codebook's small Markdown subset (headings, paragraphs, pipe tables, `code`,
 * **bold**, *italic*) as real elements — headings and tables a screen reader can navigate —
 * without ever injecting HTML from the file.
 */

type Block =
  | { kind: 'heading'; level: number; text: string }
  | { kind: 'paragraph'; lines: string[] }
  | { kind: 'table'; header: string[]; rows: string[][]; label: string };

/** Splits a table row on pipes that are not escaped as \|. */
export function splitRow(line: string): string[] {
  const inner = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  const cells: string[] = [];
  let cell = '';
  for (let i = 0; i < inner.length; i++) {
    const ch = inner[i];
    if (ch === '\\' && inner[i + 1] === '|') {
      cell += '|';
      i++;
    } else if (ch === '|') {
      cells.push(cell.trim());
      cell = '';
    } else cell += ch;
  }
  cells.push(cell.trim());
  return cells;
}

const isSeparator = (line: string) => /^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/.test(line.trim());

export function parseMarkdown(text: string): Block[] {
  const lines = text.split(/\r?\n/);
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  let lastHeading = '';
  const flush = () => {
    if (paragraph.length) blocks.push({ kind: 'paragraph', lines: paragraph });
    paragraph = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      flush();
      lastHeading = heading[2] ?? '';
      blocks.push({ kind: 'heading', level: heading[1]!.length, text: lastHeading });
    } else if (line.trim().startsWith('|') && isSeparator(lines[i + 1] ?? '')) {
      flush();
      const header = splitRow(line);
      const rows: string[][] = [];
      i += 2;
      while (i < lines.length && (lines[i] ?? '').trim().startsWith('|')) rows.push(splitRow(lines[i++]!));
      i--;
      blocks.push({ kind: 'table', header, rows, label: lastHeading });
    } else if (line.trim() === '') flush();
    else paragraph.push(line);
  }
  flush();
  return blocks;
}

function inline(text: string): ReactNode[] {
  const out: ReactNode[] = [];
  const pattern = /`([^`]+)`|\*\*([^*]+)\*\*|\*([^*]+)\*/g;
  let last = 0;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(text))) {
    if (match.index > last) out.push(text.slice(last, match.index));
    const key = match.index;
    if (match[1] !== undefined) out.push(<code key={key}>{match[1]}</code>);
    else if (match[2] !== undefined) out.push(<strong key={key}>{match[2]}</strong>);
    else out.push(<em key={key}>{match[3]}</em>);
    last = pattern.lastIndex;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

/** `baseLevel` is the HTML heading level a Markdown "#" becomes, so the outline stays unbroken. */
export function Markdown({ text, baseLevel = 3, label }: { text: string; baseLevel?: number; label: string }) {
  const blocks = parseMarkdown(text);
  return (
    <div className="export-codebook" role="region" aria-label={label} tabIndex={0}>
      {blocks.map((block, i) => {
        if (block.kind === 'heading') {
          const level = Math.min(6, baseLevel + block.level - 1);
          const Tag = `h${level}` as 'h3';
          return <Tag key={i}>{inline(block.text)}</Tag>;
        }
        if (block.kind === 'paragraph') return <p key={i}>{block.lines.flatMap((l, j) => (j ? [' ', ...inline(l)] : inline(l)))}</p>;
        return (
          <div key={i} className="table-wrap">
            <table className="table">
              {block.label && <caption className="visually-hidden">{block.label}</caption>}
              <thead>
                <tr>
                  {block.header.map((h, j) => (
                    <th key={j} scope="col">
                      {inline(h)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {block.rows.map((row, r) => (
                  <tr key={r}>
                    {row.map((cell, j) =>
                      j === 0 ? (
                        <th key={j} scope="row">
                          {inline(cell)}
                        </th>
                      ) : (
                        <td key={j}>{inline(cell)}</td>
                      ),
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        );
      })}
    </div>
  );
}
