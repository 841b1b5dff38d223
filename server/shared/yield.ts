// The embedded database (PGlite) runs in this thread and answers through promises alone: a long chain of
// statements never lets the event loop serve anything else. Work that runs for seconds on it (a KPI
// rebuild, a plan, the upkeep, a factory's history) pauses here between its steps, so that requests
// (/healthz, pages, the WebSocket hub) get their turn. On PostgreSQL a pause costs next to nothing.
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
