import type { ChildProcessWithoutNullStreams } from 'node:child_process'

/**
 * What a child process printed so far, stdout and stderr together. Its output arrives through pipes, possibly
 * after an HTTP answer it printed before: tests wait for it rather than read it at once.
 */
export const childOutput = (child: ChildProcessWithoutNullStreams) => {
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const lines = (text: string) => output.split('\n').filter((line) => line.includes(text))

  /** Resolves once the output matches `pattern` (a string: in `count` lines), with the match of a pattern. */
  const waitFor = async (pattern: RegExp | string, { count = 1, timeoutMs = 20_000 } = {}) => {
    const deadline = Date.now() + timeoutMs
    const found = () => (typeof pattern === 'string' ? lines(pattern).length >= count : pattern.test(output))
    while (!found()) {
      if (Date.now() > deadline) throw new Error(`no ${String(pattern)} in the output:\n${output}`)
      if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}:\n${output}`)
      await new Promise((r) => setTimeout(r, 20))
    }
    return typeof pattern === 'string' ? [] : pattern.exec(output)!
  }

  // 'close', not 'exit': it comes after the last of the output has been read.
  const exited = new Promise<number | null>((done) => child.once('close', (code) => done(code)))
  return { waitFor, lines, exited, output: () => output }
}
