/**
 * Every exchange a local cloud judged against Botpress's definition in this process, and what broke it.
 * The test suites fail the test during which a violation was recorded (see test/support/contract-check.ts).
 */
class ViolationLog {
  private found: string[] = []
  public checked = 0

  public record(violation: string): void {
    this.found.push(violation)
  }

  /** The violations recorded since the last call, removed from the log. */
  public take(): string[] {
    const taken = this.found
    this.found = []
    return taken
  }
}

export const contractViolations = new ViolationLog()
