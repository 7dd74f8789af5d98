// The recovery screen, for the accessibility checks: the damaged book and backups of 70-recovery.
// @ts-check
export { ready, seed } from './70-recovery.seed.mjs';
