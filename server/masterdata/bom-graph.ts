// Pure BOM graph rules: a bill of material may not contain its own parent, directly or through any
// of its components. No IO; callers pass the edges they know.

/** parent → children */
export type BomEdges = Map<string, string[]>;

/**
 * A cycle created by giving `parent` these `children`, as the path that closes it
 * (e.g. ["A", "B", "C", "A"]), or null when there is none.
 */
export function findCycle(edges: BomEdges, parent: string, children: string[]): string[] | null {
	const next = new Map(edges);
	next.set(parent, children);
	// Depth-first from the parent; a path back to it is the cycle.
	const stack: { node: string; path: string[] }[] = children.map((c) => ({ node: c, path: [parent, c] }));
	const seen = new Set<string>();
	while (stack.length) {
		const { node, path } = stack.pop()!;
		if (node === parent) return path;
		if (seen.has(node)) continue;
		seen.add(node);
		for (const c of next.get(node) ?? []) stack.push({ node: c, path: [...path, c] });
	}
	return null;
}
