// The demo auto-parts plant (汽车零部件): build it (deterministic for a seed), load it through the
// commands, and simulate it with its profile.
export { buildPlant, type BuiltPlant } from './build.ts';
export { loadPlant, DEMO_SOURCE, type LoadPlantOptions, type LoadPlantResult } from './load.ts';
export { demoProfile, DEMO_ORDER_UNITS, DEMO_ORDERS_PER_DAY } from './profile.ts';
export { DEMO_USERS, demoUser } from './users.ts';
export { UNRELIABLE_SUPPLIER, SALES_DEPARTMENTS } from './partners.ts';
export { WORKSHOPS } from './work-centres.ts';
export type { Plant, DemoUser } from './types.ts';
