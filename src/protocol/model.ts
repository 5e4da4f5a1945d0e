/**
 * Loads the vendored service models (./models, derived from botocore; see ./models/NOTICE)
 * once per process. Reading is synchronous so decoding and encoding stay synchronous.
 */
import { readFileSync } from 'node:fs'
import type { ServiceModel, ServiceName, Shape } from './model-types.js'

// From dist/ the JSON is not copied by tsc, so fall back to the source tree.
const candidates = (service: ServiceName): URL[] => [
  new URL(`./models/${service}.json`, import.meta.url),
  new URL(`../../src/protocol/models/${service}.json`, import.meta.url)
]

const cache = new Map<ServiceName, ServiceModel>()

/** The compact botocore model of `service`. */
export function serviceModel(service: ServiceName): ServiceModel {
  const cached = cache.get(service)
  if (cached !== undefined) return cached
  let lastError: unknown
  for (const url of candidates(service)) {
    try {
      const model = JSON.parse(readFileSync(url, 'utf8')) as ServiceModel
      cache.set(service, model)
      return model
    } catch (err) {
      lastError = err
    }
  }
  throw new Error(`protocol model for ${service} not found`, { cause: lastError })
}

/** The shape called `name`; a missing shape is a bug in the vendored model, so it throws. */
export function shapeOf(model: ServiceModel, name: string): Shape {
  const shape = model.shapes[name]
  if (shape === undefined) throw new Error(`${model.service} model has no shape ${name}`)
  return shape
}
