import { startOnLoopback } from '../http/listen'
import { createDemoBot } from './demo-bot'

// Entry point of the demo bot's own process (see dev/child-process.ts).
void startOnLoopback(createDemoBot(), Number(process.env.PORT))
