import { describe, expect, it } from 'vitest';
import { firstPastDate, refusePastDates } from '../../../server/shared/past-dates.ts';
import { CommandRejected } from '../../../server/commands/command.ts';

const ctx = { now: new Date('2026-06-14T17:30:00Z'), config: { timeZone: 'Asia/Shanghai' } }; // 01:30 on the 15th in Shanghai

describe('past dates of user entry', () => {
	it('names the first date before today; today and later pass, absent dates are not checked', () => {
		const fields = [
			{ path: 'lines.0.requestedDate', date: '2026-06-15' },
			{ path: 'lines.1.requestedDate', date: undefined },
			{ path: 'lines.2.requestedDate', date: '2026-06-14' },
			{ path: 'lines.3.requestedDate', date: '2026-01-01' }
		];
		expect(firstPastDate(fields, '2026-06-15')).toEqual({ path: 'lines.2.requestedDate', date: '2026-06-14' });
		expect(firstPastDate(fields.slice(0, 2), '2026-06-15')).toBeNull();
	});

	it("compares with the factory's today, not UTC's, and lets a confirmed input through", () => {
		const yesterdayInUtc = [{ path: 'dueDate', date: '2026-06-14' }];
		const err = (() => {
			try {
				refusePastDates(ctx, yesterdayInUtc, undefined);
			} catch (e) {
				return e;
			}
		})();
		expect(err).toBeInstanceOf(CommandRejected);
		expect(err).toMatchObject({ code: 'ERR_DATE_PAST', path: 'dueDate', params: { date: '2026-06-14', today: '2026-06-15' } });
		expect(() => refusePastDates(ctx, yesterdayInUtc, true)).not.toThrow();
		expect(() => refusePastDates(ctx, [{ path: 'dueDate', date: '2026-06-15' }], undefined)).not.toThrow();
	});
});
