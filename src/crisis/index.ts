/** Crisis: thoughts of suicide or self-harm, read anywhere, answered at once; a request for a counsellor. */
export { crisisDetector, type CrisisDetector, type CrisisReading } from './detector';
export { withCrisis, CRISIS_COMMAND, COUNSELLOR_COMMAND } from './interpreter';
export { crisisActions } from './actions';
export { shippedCrisisDetector } from './shipped-detector';
export { crisisAt, inCrisis, CRISIS_AT, CRISIS_ACT } from './session-vars';
