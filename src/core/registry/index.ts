// The public surface of core/registry: what the extension, the CLI and the webview may use.
// Everything else in this folder is internal to core.
export { PROVIDERS, hasIssueActions, issueActionsFor, providerFor } from './providerDescriptors';
export { missingField, originOf, originRefusal, presentSecrets } from './providerRegistry';
export type { ConnectionValues, ProviderDescriptor, ProviderName } from './providerRegistry';
