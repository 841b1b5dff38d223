// A simulation profile given as JSON (the CLI's --profile FILE), checked field by field.
import { z } from 'zod';
import type { SimProfile } from './profile.ts';

const share = z.number().min(0).max(1);
const range = z.strictObject({ min: z.number().min(0), max: z.number().min(0) }).refine((r) => r.min <= r.max, { message: 'min must not exceed max', path: ['max'] });

export const profileInput: z.ZodType<SimProfile> = z.strictObject({
	ordersPerDay: z.number().min(0).max(100_000),
	rushShare: share,
	customers: z.record(z.string(), z.number().min(0)).optional(),
	products: z.record(z.string(), z.number().min(0)).optional(),
	suppliers: z.record(z.string(), z.strictObject({ onTimeRate: share, meanLateDays: z.number().min(0).max(365), rejectRate: share })).optional(),
	workCenters: z.record(z.string(), z.strictObject({ scrapRate: share, breakdownsPerWeek: z.number().min(0).max(1000), meanRepairHours: z.number().min(0).max(10_000), speed: z.number().gt(0).max(1).optional() })).optional(),
	orderQty: range.optional(),
	leadDays: range.optional(),
	rushLeadDays: range.optional()
});
