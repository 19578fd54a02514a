/** The gap score: one definition, documented in `README.md`. */
export { computeGap, type GapScore, type GapTally, type CategoryGap } from './score';
export { defaultPopulation, populationsWithFigures } from './population';
export { formatShare } from './format';
