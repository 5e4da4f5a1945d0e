import { writeFileSync } from 'node:fs'
import { generateSnapshot } from './test/helpers/snapshot-generator.ts'
const n = Number(process.argv[2])
writeFileSync(process.argv[3]!, JSON.stringify(generateSnapshot({ roles: n }), null, 4) + '\n')
