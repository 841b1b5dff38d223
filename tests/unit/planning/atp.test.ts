// Discrete ATP (non-cumulative, with look-ahead), examples computed by hand.
import { describe, expect, it } from 'vitest';
import { discreteAtp, runAtpCli } from '../../../server/planning/atp.ts';
import { TextbookInputError } from '../../../server/planning/textbook.ts';

describe('atp (discrete, with look-ahead)', () => {
	it('gives on hand less the orders before the first MPS receipt, then each receipt less the orders until the next', () => {
		// 50 − 30 = 20; 100 − (20 + 60) = 20; 100 − 10 = 90
		expect(discreteAtp({ onHand: 50, mps: [0, 100, 0, 100], orders: [30, 20, 60, 10] })).toEqual([20, 20, 0, 90]);
	});

	it('counts an MPS receipt in period 1 with the stock on hand', () => {
		// 5 + 20 − (10 + 10) = 5; 30 − 5 = 25
		expect(discreteAtp({ onHand: 5, mps: [20, 0, 30], orders: [10, 10, 5] })).toEqual([5, 0, 25]);
	});

	it('covers a later shortfall from the periods before it, latest first', () => {
		// raw: 40 − 15 = 25; 80 − 70 = 10; 80 − 100 = −20 → period 2 gives 10 and period 1 the other 10
		expect(discreteAtp({ onHand: 40, mps: [0, 80, 0, 0, 80, 0], orders: [15, 50, 20, 0, 90, 10] })).toEqual([15, 0, 0, 0, 0, 0]);
	});

	it('leaves period 1 negative when the orders taken exceed every supply', () => {
		expect(discreteAtp({ onHand: 10, mps: [0, 50, 0, 50, 0], orders: [5, 30, 25, 60, 10] })).toEqual([-20, 0, 0, 0, 0]);
	});

	it('rejects periods that do not line up, naming the field', () => {
		expect(() => runAtpCli({ onHand: 1, mps: [1, 2], orders: [1] })).toThrow(TextbookInputError);
		expect(() => runAtpCli({ onHand: 1, mps: [1, 2], orders: [1] })).toThrow(/^orders: /);
		expect(() => runAtpCli({ onHand: -1, mps: [1], orders: [1] })).toThrow(/^onHand: /);
		expect(() => runAtpCli({ onHand: 1, mps: [1, 'x'], orders: [1, 1] })).toThrow(/^mps\.1: /);
	});
});
