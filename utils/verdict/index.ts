/** Public API of the verdict classifier: pure functions from observations to verdicts. */
export * from './types';
export { classifyNetError, isBlockedByAdministrator, isBlockedByClient, FIREFOX_RULES, type NetErrorClass } from './net-errors';
export { FINGERPRINTS, matchVendorFingerprint, type Fingerprint } from './fingerprints';
export { FALSE_POSITIVES, matchFalsePositive, type FalsePositive } from './false-positives';
export { findBlockWords, matchGenericBlockPage } from './generic-block-page';
export { detectProxyResponse, type ProxyResponse } from './proxy-response';
export { registrableDomain, isSameSite, isWithinDomain, hostOf } from './domains';
export { viewOf, type ResponseView } from './response-view';
export { classifyObservation } from './classify-observation';
export { classifyChannel, type ChannelContext } from './classify-channel';
export { classifyService } from './classify-service';
export { classifyControl } from './classify-control';
