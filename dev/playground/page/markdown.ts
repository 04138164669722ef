/** Markdown the page renders: bold, italic, inline code and links, nothing else. */
export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'bold' | 'italic'; children: Inline[] }
  | { kind: 'code'; text: string }
  | { kind: 'link'; text: string; href: string }

const TOKEN = /\*\*(.+?)\*\*|__(.+?)__|\*(.+?)\*|_(.+?)_|`(.+?)`|\[([^\]]+)\]\(([^)\s]+)\)/g

/** Only these link targets are kept; anything else (e.g. `javascript:`) stays text. */
export const isSafeHref = (href: string): boolean => /^(https?:|mailto:)/i.test(href)

/**
 * Splits markdown into inline parts. The page turns each part into DOM nodes with `textContent`,
 * so no text from a message is ever parsed as HTML.
 */
export const parseMarkdown = (source: string): Inline[] => {
  const parts: Inline[] = []
  let last = 0
  for (const match of source.matchAll(TOKEN)) {
    const [whole, bold1, bold2, italic1, italic2, code, linkText, href] = match
    if (match.index > last) parts.push({ kind: 'text', text: source.slice(last, match.index) })
    const strong = bold1 ?? bold2
    const emphasis = italic1 ?? italic2
    if (strong !== undefined) parts.push({ kind: 'bold', children: parseMarkdown(strong) })
    else if (emphasis !== undefined) parts.push({ kind: 'italic', children: parseMarkdown(emphasis) })
    else if (code !== undefined) parts.push({ kind: 'code', text: code })
    else if (linkText !== undefined && href !== undefined && isSafeHref(href))
      parts.push({ kind: 'link', text: linkText, href })
    else parts.push({ kind: 'text', text: whole })
    last = match.index + whole.length
  }
  if (last < source.length) parts.push({ kind: 'text', text: source.slice(last) })
  return parts
}
