import { describe, expect, it } from 'vitest'
import { parseMarkdown } from '../dev/playground/page/markdown'

describe('playground markdown', () => {
  it('parses the demo bot sample: bold, italic and a link', () => {
    expect(parseMarkdown('**Bold**, _italic_ and a [link](https://botpress.com)')).toEqual([
      { kind: 'bold', children: [{ kind: 'text', text: 'Bold' }] },
      { kind: 'text', text: ', ' },
      { kind: 'italic', children: [{ kind: 'text', text: 'italic' }] },
      { kind: 'text', text: ' and a ' },
      { kind: 'link', text: 'link', href: 'https://botpress.com' },
    ])
  })

  it('nests emphasis inside bold, and keeps inline code as text', () => {
    expect(parseMarkdown('**a _b_** `<i>`')).toEqual([
      {
        kind: 'bold',
        children: [
          { kind: 'text', text: 'a ' },
          { kind: 'italic', children: [{ kind: 'text', text: 'b' }] },
        ],
      },
      { kind: 'text', text: ' ' },
      { kind: 'code', text: '<i>' },
    ])
  })

  it('keeps HTML as plain text', () => {
    expect(parseMarkdown('<img src=x onerror=alert(1)>')).toEqual([
      { kind: 'text', text: '<img src=x onerror=alert(1)>' },
    ])
  })

  it('refuses links that are not http(s) or mailto', () => {
    expect(parseMarkdown('[click](javascript:alert(1))')).toEqual([
      { kind: 'text', text: '[click](javascript:alert(1)' },
      { kind: 'text', text: ')' },
    ])
  })
})
