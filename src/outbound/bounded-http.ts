import type { AxiosResponse } from 'axios'
import { axios } from '../axios'
import type { Readable } from 'node:stream'

/** The most of an endpoint's answer a delivery reads: its status decides, the body only frees the connection. */
export const ANSWER_CAP_BYTES = 4 * 1024

/**
 * Reads at most ANSWER_CAP_BYTES of the answer's body, until the attempt's deadline, and drops the rest with the
 * connection: a body that ends in time leaves the connection free for the next delivery.
 */
const release = async (response: AxiosResponse<Readable>): Promise<void> => {
  let bytes = 0
  try {
    for await (const chunk of response.data) {
      bytes += (chunk as Buffer).length
      if (bytes > ANSWER_CAP_BYTES) break
    }
  } catch {
    // The deadline or the connection cut the body short: the status has already said what happened.
  }
  response.data.destroy()
}

/**
 * The HTTP client of deliveries. axios's `timeout` fires only when the connection goes quiet and it buffers
 * whole answers, so an endpoint that trickles or streams without end could hold a delivery, and memory,
 * without bound. Here every request, each retry included, gets its own hard deadline of `timeout` ms from
 * when it is sent, covering the connection, the answer and the part of its body that is read.
 * No redirects (a public endpoint could send the delivery on to an inside address) and no proxy from the
 * environment (the address filter must see the real destination).
 */
export const createBoundedHttp = () => {
  const http = axios.create({ maxRedirects: 0, proxy: false, responseType: 'stream' })
  http.interceptors.request.use((config) => {
    config.signal = AbortSignal.timeout(config.timeout ?? 0)
    return config
  })
  http.interceptors.response.use(
    async (response: AxiosResponse<Readable>) => {
      await release(response)
      return response
    },
    async (error: unknown) => {
      if (axios.isAxiosError<Readable>(error) && error.response) await release(error.response)
      throw error
    }
  )
  return http
}

/** Whether a request ended on its deadline (or the connection went quiet) rather than on an answer. */
export const isTimeout = (code: string | undefined) =>
  code === 'ERR_CANCELED' || code === 'ECONNABORTED' || code === 'ETIMEDOUT'
