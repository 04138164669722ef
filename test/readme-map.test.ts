import { readdirSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

// README's map of the tests and its layout of src/ name every file there is: a new one comes with its line.
const ROOT = resolve(__dirname, '..')
const readme = readFileSync(resolve(ROOT, 'README.md'), 'utf8')

describe("README's maps", () => {
  it('names every test file in the map of the tests', () => {
    const section = readme.slice(readme.indexOf('## Map of the tests'), readme.indexOf('## Dependencies'))
    const named = new Set([...section.matchAll(/`([a-z0-9-]+)(\*)?`/g)].map((m) => m[1]! + (m[2] ?? '')))
    const unnamed = readdirSync(resolve(ROOT, 'test'))
      .filter((file) => file.endsWith('.test.ts'))
      .map((file) => file.replace(/(\.e2e)?\.test\.ts$/, ''))
      .filter((name) => !named.has(name) && !(name.startsWith('playground-') && named.has('playground-*')))
    expect(unnamed).toEqual([])
  })

  it('names every shared module of src/ in the layout', () => {
    const layout = readme.slice(readme.indexOf('## Layout'), readme.indexOf('## How a message flows'))
    const shared = readdirSync(resolve(ROOT, 'src'))
      .filter((file) => file.endsWith('.ts') && file !== 'index.ts')
      .map((file) => file.replace(/\.ts$/, ''))
    expect(shared.filter((name) => !new RegExp(`\\b${name}\\b`).test(layout))).toEqual([])
    for (const room of readdirSync(resolve(ROOT, 'src'), { withFileTypes: true }).filter((e) => e.isDirectory())) {
      expect(layout, room.name).toContain(`src/${room.name}/`)
    }
  })
})
