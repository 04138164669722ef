import * as api from '@botpress/api'
import { ApiContract, type ApiState } from './contract'

/** Botpress's runtime API (`/v1/chat/…`) as its published definition describes it; built once per process. */
export const runtimeContract = new ApiContract(api.runtime.state as unknown as ApiState)
