import { afterAll } from 'vitest'
import { runStoreContract } from '../contract.js'
import { TestSchema } from './testing/test-database.js'

const schema = new TestSchema()
afterAll(() => schema.drop())

runStoreContract('postgres', () => schema.openEmpty())
