import * as api from '@botpress/api'
import { ApiContract, type ApiState } from './contract'

/** Botpress's runtime API (`/v1/chat/…`) as its published definition describes it; built once per process. */
export const runtimeContract = new ApiContract(api.runtime.state as unknown as ApiState)

/** Botpress's Files API (`/v1/files…`), likewise: the local cloud serves `upsertFile` by it. */
export const filesContract = new ApiContract(api.files.state as unknown as ApiState)

/** The contract an HTTP request to `/v1/` is judged by: the runtime API's, else the Files API's. */
export const contractFor = (request: Parameters<ApiContract['checkRequest']>[0]) => {
  const runtime = runtimeContract.checkRequest(request)
  if (runtime.operation) return { contract: runtimeContract, verdict: runtime }
  const files = filesContract.checkRequest(request)
  return files.operation ? { contract: filesContract, verdict: files } : { contract: runtimeContract, verdict: runtime }
}
