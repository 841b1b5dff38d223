// The simulated factory's public face: its past (generateHistory) and its present (startSimulator),
// both driven by the profile beside the factory's own master data.
export { generateHistory, historyStart, DEFAULT_SEED, type HistoryOptions, type HistoryProgress, type HistorySummary } from './history.ts';
export { startSimulator, DEFAULT_SPEED, type LiveOptions, type LiveSimulator } from './live.ts';
export type { SimStats } from './simulation.ts';
export type { SimProfile, SupplierBehaviour, WorkCenterBehaviour } from './profile.ts';
