/** The IAM operations of this folder, collected by src/iam/index.ts. */
import type { OperationSpec } from '../../server/operation.js'
import { createSAMLProvider } from './create-saml-provider.js'
import { deleteSAMLProvider } from './delete-saml-provider.js'
import { getSAMLProvider } from './get-saml-provider.js'
import { listSAMLProviders } from './list-saml-providers.js'
import { samlProviderTagOperations } from './saml-provider-tags.js'
import { updateSAMLProvider } from './update-saml-provider.js'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each operation has its own input/output types
export const operations: OperationSpec<any, any>[] = [
  createSAMLProvider,
  getSAMLProvider,
  listSAMLProviders,
  updateSAMLProvider,
  deleteSAMLProvider,
  ...samlProviderTagOperations
]

export { parseSamlMetadata, type SamlMetadata } from './saml-metadata.js'
export { childElements, descendants, NS, parseStrictXml, textOf } from './strict-xml.js'
