// The BOM as the engine walks it: items by index, parent and child lines, low-level codes and the
// planning order. An item's low-level code is the deepest level it is used at (0 = not used in any
// BOM), so MRP plans it once, after every parent. Pure; throws on a BOM cycle or an unknown item.
import { AppError } from '../errors.ts';
import type { BomLine, PlanItem } from './types.ts';

export interface BomIndex {
	items: PlanItem[];
	/** item id → index into `items` */
	index: Map<string, number>;
	bom: BomLine[];
	/** Per item index: the indices of its BOM lines as parent (input order). */
	childLines: number[][];
	/** Per item index: the indices of the BOM lines that use it (input order). */
	parentLines: number[][];
	/** Per BOM line: parent and child item index. */
	lineParent: Int32Array;
	lineChild: Int32Array;
	lowLevelCodes: Int32Array;
}

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function indexBom(items: PlanItem[], bom: BomLine[]): BomIndex {
	const index = new Map<string, number>();
	for (let i = 0; i < items.length; i++) {
		if (index.has(items[i].id)) throw new AppError('ERR_VALIDATION', `item "${items[i].id}" is listed twice`, { itemId: items[i].id });
		index.set(items[i].id, i);
	}
	const childLines: number[][] = Array.from({ length: items.length }, () => []);
	const parentLines: number[][] = Array.from({ length: items.length }, () => []);
	const lineParent = new Int32Array(bom.length);
	const lineChild = new Int32Array(bom.length);
	for (let l = 0; l < bom.length; l++) {
		const p = index.get(bom[l].parent);
		const c = index.get(bom[l].child);
		if (p === undefined || c === undefined) {
			const itemId = p === undefined ? bom[l].parent : bom[l].child;
			throw new AppError('ERR_BOM_UNKNOWN_ITEM', `BOM line ${l} (${bom[l].parent} → ${bom[l].child}) names an unknown item "${itemId}"`, { itemId });
		}
		lineParent[l] = p;
		lineChild[l] = c;
		childLines[p].push(l);
		parentLines[c].push(l);
	}
	const idx: BomIndex = { items, index, bom, childLines, parentLines, lineParent, lineChild, lowLevelCodes: new Int32Array(items.length) };
	idx.lowLevelCodes = lowLevelCodes(idx);
	return idx;
}

/** Kahn's topological walk from the items no BOM uses; whatever it cannot reach lies on or below a cycle. */
function lowLevelCodes(ix: BomIndex): Int32Array {
	const n = ix.items.length;
	const llc = new Int32Array(n);
	const waiting = new Int32Array(n);
	for (let i = 0; i < n; i++) waiting[i] = ix.parentLines[i].length;
	const queue = new Int32Array(n);
	let head = 0;
	let tail = 0;
	for (let i = 0; i < n; i++) if (waiting[i] === 0) queue[tail++] = i;
	while (head < tail) {
		const p = queue[head++];
		for (const l of ix.childLines[p]) {
			const c = ix.lineChild[l];
			if (llc[p] + 1 > llc[c]) llc[c] = llc[p] + 1;
			if (--waiting[c] === 0) queue[tail++] = c;
		}
	}
	if (tail < n) {
		const cycle = findCycle(ix, waiting);
		const text = cycle.map((i) => ix.items[i].id).join(' → ');
		throw new AppError('ERR_BOM_CYCLE', `BOM cycle: ${text}`, { cycle: text });
	}
	return llc;
}

/** A loop among the items Kahn's walk left (`waiting` > 0), as the path that closes it: A, B, …, A. */
function findCycle(ix: BomIndex, waiting: Int32Array): number[] {
	const state = new Uint8Array(ix.items.length); // 0 new, 1 on the path, 2 done
	for (let start = 0; start < ix.items.length; start++) {
		if (waiting[start] === 0 || state[start]) continue;
		const path: number[] = [start];
		const next: number[] = [0];
		state[start] = 1;
		while (path.length) {
			const top = path.length - 1;
			const lines = ix.childLines[path[top]];
			if (next[top] >= lines.length) {
				state[path.pop()!] = 2;
				next.pop();
				continue;
			}
			const c = ix.lineChild[lines[next[top]++]];
			if (state[c] === 1) return [...path.slice(path.indexOf(c)), c];
			if (state[c] === 0) {
				state[c] = 1;
				path.push(c);
				next.push(0);
			}
		}
	}
	throw new Error('BOM cycle expected but none found');
}

/** Item indices in planning order: low-level code, then id. */
export function planningOrder(ix: BomIndex, subset?: Iterable<number>): number[] {
	const list = subset ? [...subset] : Array.from({ length: ix.items.length }, (_, i) => i);
	const llc = ix.lowLevelCodes;
	return list.sort((a, b) => llc[a] - llc[b] || byId(ix.items[a].id, ix.items[b].id));
}

/** The distinct children of a parent, in the order its BOM lines name them first. */
export function childIds(ix: BomIndex, parent: number): string[] {
	const out: string[] = [];
	for (const l of ix.childLines[parent]) {
		const id = ix.bom[l].child;
		if (!out.includes(id)) out.push(id);
	}
	return out;
}
