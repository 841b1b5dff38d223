// Values for the factory's no-code fields on the documents the simulator enters: every required field
// gets one, and a choice field now and then too, so lists filtered by them have something to show.
import { addDays } from '../../server/shared/factory-date.ts';
import type { SimFactory } from './factory.ts';
import { stream } from './rng.ts';

/** `custom` for a new document of `entity` (undefined when the factory defines no field for it). */
export function customValues(f: SimFactory, entity: string, seed: number, key: string, today: string): Record<string, unknown> | undefined {
	const fields = f.customFields.get(entity);
	if (!fields?.length) return undefined;
	const r = stream(seed, 'custom', entity, key);
	const out: Record<string, unknown> = {};
	for (const d of fields) {
		if (!d.required && !(d.type === 'choice' && r.chance(0.6))) continue;
		if (d.type === 'choice' && d.choices?.length) out[d.key] = r.pick(d.choices);
		else if (d.type === 'number') out[d.key] = r.int(1, 100);
		else if (d.type === 'date') out[d.key] = addDays(today, r.int(0, 30));
		else if (d.type === 'text') out[d.key] = `${key}`.slice(0, 60);
	}
	return Object.keys(out).length ? out : undefined;
}
