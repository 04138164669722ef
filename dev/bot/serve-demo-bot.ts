import { createDemoBot } from './demo-bot'

// Entry point of the demo bot's own process (see dev/child-process.ts).
void createDemoBot().start(Number(process.env.PORT))
