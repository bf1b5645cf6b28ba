// Typed re-exports of the plain-JS search normalisation the demo-data script shares.
export { customerSearchTerms as customerSearchTermsOf, normalizeSearchText, searchQueryPrefixes } from '../../schema/search.js';
