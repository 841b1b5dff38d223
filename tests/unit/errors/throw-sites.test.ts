// A throw site names a catalogue code and passes exactly its parameters; `npm run check` type-checks
// this file, so each `@ts-expect-error` below fails the check if the mistake stopped being an error.
import { describe, expect, it } from 'vitest';
import { CommandRejected } from '../../../server/commands/command.ts';
import { EventRejected } from '../../../server/events/projectors.ts';
import { coded } from '../../../server/events/issue-codes.ts';

describe('throw sites', () => {
	it('carry the parameters of their code', () => {
		const err = new CommandRejected('ERR_SO_OVER_SHIPMENT', 'qty', 'only 3 open on this line', { open: 3 });
		expect([err.code, err.path, err.params, err.message]).toEqual(['ERR_SO_OVER_SHIPMENT', 'qty', { open: 3 }, 'only 3 open on this line']);
		expect(new CommandRejected('ERR_REQ_OWN', 'requisitionId', 'you raised this requisition').params).toEqual({});
		expect(new EventRejected('ERR_BOM_CYCLE', 'e1', 'data.lines.0.childItemId', 'BOM cycle', { cycle: 'A → B → A' }).params).toEqual({ cycle: 'A → B → A' });
		expect(coded('ERR_DUPLICATE_LINE', { line: 2 })).toEqual({ code: 'ERR_DUPLICATE_LINE', line: 2 });
	});

	it('fail the type check with a missing, misspelt or unknown code or parameter', () => {
		const made = [
			// @ts-expect-error the code needs {open}
			() => new CommandRejected('ERR_SO_OVER_SHIPMENT', 'qty', 'only 3 open'),
			// @ts-expect-error a misspelt parameter
			() => new CommandRejected('ERR_SO_OVER_SHIPMENT', 'qty', 'only 3 open', { opn: 3 }),
			// @ts-expect-error a parameter of the wrong type
			() => new CommandRejected('ERR_SO_OVER_SHIPMENT', 'qty', 'only 3 open', { open: '3' }),
			// @ts-expect-error a code not in the catalogue
			() => new CommandRejected('ERR_NO_SUCH_RULE', 'qty', 'nope'),
			// @ts-expect-error a guard's code needs its parameters too
			() => new EventRejected('ERR_BOM_CYCLE', 'e1', 'data.lines.0.childItemId', 'BOM cycle'),
			// @ts-expect-error a refinement's code needs its parameters too
			() => coded('ERR_DUPLICATE_LINE')
		];
		expect(made).toHaveLength(6);
	});
});
