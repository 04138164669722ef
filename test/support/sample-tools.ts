import { spawnSync } from 'node:child_process'

/**
 * The programs the Hub page's samples need beyond Node.js. A fresh machine with only Node.js and npm skips
 * the tests that run them; `.ci/run` installs them and sets SAMPLE_TOOLS_REQUIRED, so that CI never does.
 */
export const SAMPLE_TOOLS = ['bash', 'curl', 'jq', 'openssl', 'python3'] as const

export const missingSampleTools = SAMPLE_TOOLS.filter(
  (tool) => spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }).status !== 0
)

export const sampleToolsRequired = process.env.SAMPLE_TOOLS_REQUIRED === '1'

/** Whether the tests that run samples are skipped here: only where a tool is missing and CI did not ask for them. */
export const skipSamples = missingSampleTools.length > 0 && !sampleToolsRequired

/** Said in the title of each test skipped here, so that a newcomer's `npm test` tells what to install to run it. */
export const samplesSkipNote = skipSamples
  ? ` (skipped: install ${missingSampleTools.join(', ')} to run it; CI always does)`
  : ''
