// tercom 0.7.25 defaults (TERcalc.java). Every edit, shifts included, costs 1; a match costs 0.

/** Longest phrase a single shift may move, in words. */
export const MAX_SHIFT_SIZE = 10;

/** Farthest a shift may move a phrase, in words. */
export const MAX_SHIFT_DIST = 50;

/** Cells costing more than the best cell of the previous column plus this are not expanded. */
export const BEAM_WIDTH = 20;

/** tercom's "infinity" for the beam; kept so that the beam prunes exactly where tercom's does. */
export const INF = 999_999;

/**
 * Not tercom's: the most alignment cells one TER computation may visit, roughly half a second of work. Sentences
 * and paragraphs stay far below it (an MLQE-PE line needs at most 17 thousand); long, heavily rewritten
 * documents reach it. See docs/effort.md, "Long texts".
 */
export const CELL_BUDGET = 20_000_000;
