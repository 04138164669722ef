import { parseArgs } from 'node:util'
import { coldStartLines, coldStartTarget, measureColdStarts } from './cold-start'
import { bundleNaive } from './fleet'

// `npm run bench:cold`: the cold-start row of `npm run bench` on its own, with its target (under a minute).
const { values } = parseArgs({ options: { runs: { type: 'string', default: '20' } } })

const main = async () => {
  await bundleNaive()
  const figures = await measureColdStarts(Number(values.runs), (line) => console.error(line))
  console.log(coldStartLines(figures).join('\n'))
  const [target, met] = coldStartTarget(figures)
  console.log(`\n  ${met ? 'met    ' : 'MISSED '} ${target}`)
  if (!met) process.exitCode = 1
}

void main()
