// Production order statuses as lists read them: the order they go through (a sort by status follows
// it, not the alphabet) and whether an order is overdue as of the factory's date. Pure.
import type { OrderStatus } from './order-state.ts';

export const MO_STATUSES = ['created', 'released', 'in_progress', 'completed', 'cancelled'] as const satisfies readonly OrderStatus[];
export type MoStatusName = (typeof MO_STATUSES)[number];

/** An order's place in its life, typed against the state machine's statuses so neither can drift. */
export const STAGE = { created: 0, released: 1, in_progress: 2, completed: 3, cancelled: 4 } as const satisfies Record<OrderStatus, number>;

const CLOSED: readonly string[] = ['completed', 'cancelled'];

/** Due before `today` (YYYY-MM-DD at the factory) and not closed. */
export const isOverdue = (o: { dueDate: string; status: string }, today: string): boolean => o.dueDate < today && !CLOSED.includes(o.status);
