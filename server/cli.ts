// `npm run -s cli -- <command>`: JSON on stdout, messages on stderr, exit 0 on success,
// 2 on bad input (CONTRACTS.md, CLI). Commands that touch the database build a Runtime from env.
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { ConfigError, loadConfig } from './config.ts';
import { createRuntime, openDatabase } from './runtime.ts';
import { migrate } from './db/migrate.ts';
import { createLogger } from './log.ts';
import { createTokenCommand } from './auth/token-commands.ts';
import { execute } from './commands/command.ts';
import { tokenInputSchema } from './auth/token-input.ts';
import { buildCatalogue, buildProjectors, PROJECTION_RESETTERS } from './runtime.ts';
import { rebuildProjections } from './events/rebuild.ts';
import { rebuildKpis } from './kpi/rebuild.ts';

class UsageError extends Error {}

const USAGE = `usage: npm run -s cli -- <command> [options]
commands:
  migrate                                   apply pending database migrations
  rebuild-projections                       rebuild every state table from the event log
  kpi-rebuild                               recompute every KPI contribution and bucket from the
                                            projections → {kpis, subjects, buckets, ms}
  token create --name N [--kind api|kiosk|admin] [--types a.b,c.d|*] [--read sales,inventory|*] [--screens s1,s2]
                                            create a token; prints it once. An API token posts the
                                            event types of --types and reads the areas of --read
                                            (events, masterdata, sales, purchasing, production,
                                            inventory); it needs at least one of the two
  simulate --duration D [--rate N] [--seed S] [--profile FILE]
                                            run the factory simulator against this database for D
                                            (30s, 10m, 2h) at N simulated hours per hour (default 60:
                                            a factory hour a minute), deterministic for seed S
                                            (default 1); every action is a command by a user of the
                                            right role → {rate, seed, durationMs, hours, commands,
                                            refused, byCommand, refusals}
  mrp --input FILE                          a textbook MRP problem (JSON) → MRP records per item
  atp --input FILE                          {onHand, mps, orders} per period → discrete ATP
The embedded database (no DATABASE_URL) can be used by one process at a time: with the server
running, create tokens in the app or with POST /api/tokens instead.`;

async function withDb<T>(fn: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
	const db = await openDatabase(loadConfig(process.env));
	try {
		return await fn(db);
	} finally {
		await db.close();
	}
}

/** The JSON of `--input FILE`; a missing or unreadable file is bad input. */
function readInput(command: string, args: string[]): unknown {
	const { values } = parseArgs({ args, options: { input: { type: 'string' } } });
	if (!values.input) throw new UsageError(`${command}: --input FILE is required`);
	let text: string;
	try {
		text = readFileSync(values.input, 'utf8');
	} catch (err) {
		throw new UsageError(`${command}: cannot read ${values.input}: ${(err as Error).message}`);
	}
	try {
		return JSON.parse(text);
	} catch (err) {
		throw new UsageError(`${command}: ${values.input} is not JSON: ${(err as Error).message}`);
	}
}

/** The textbook planning commands never open a database: their bad input is a usage error. */
async function textbook<T>(solve: () => Promise<T>): Promise<T> {
	const { TextbookInputError } = await import('./planning/textbook.ts');
	try {
		return await solve();
	} catch (err) {
		if (err instanceof TextbookInputError) throw new UsageError(err.message);
		throw err;
	}
}

/** `--duration`: a positive number with s, m or h, at most a week. */
function parseDuration(v: string | undefined): number {
	const m = v === undefined ? null : /^(\d+(?:\.\d+)?)(s|m|h)$/.exec(v.trim());
	const ms = m ? Number(m[1]) * { s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 's' | 'm' | 'h'] : NaN;
	if (!(ms > 0 && ms <= 7 * 86_400_000)) throw new UsageError(`simulate: --duration must be a time like 30s, 10m or 2h (at most a week), not ${v === undefined ? 'missing' : JSON.stringify(v)}`);
	return ms;
}

/** The live simulator for a while, then its counts. Input is checked before the database is opened. */
async function simulate(args: string[]): Promise<unknown> {
	const { values } = parseArgs({ args, options: { rate: { type: 'string' }, duration: { type: 'string' }, seed: { type: 'string' }, profile: { type: 'string' } } });
	const rate = values.rate === undefined ? 60 : Number(values.rate);
	if (!(Number.isFinite(rate) && rate > 0 && rate <= 100_000)) throw new UsageError(`simulate: --rate must be a number above 0 and at most 100000, not ${JSON.stringify(values.rate)}`);
	const durationMs = parseDuration(values.duration);
	const seed = values.seed === undefined ? 1 : Number(values.seed);
	if (!(Number.isSafeInteger(seed) && seed >= 0)) throw new UsageError(`simulate: --seed must be a whole number ≥ 0, not ${JSON.stringify(values.seed)}`);
	let profile;
	if (values.profile !== undefined) {
		const { profileInput } = await import('../seed/sim/profile-input.ts');
		const parsed = profileInput.safeParse(readInput('simulate', ['--input', values.profile]));
		if (!parsed.success) throw new UsageError('simulate: --profile: ' + parsed.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`).join('; '));
		profile = parsed.data;
	}
	const { startSimulator } = await import('../seed/sim/live.ts');
	// Planning and alerts react to the simulated commits as on a server; timed jobs stay off (the
	// simulator moves the KPI clock itself).
	const rt = await createRuntime(loadConfig(process.env), { log: createLogger('warn', true), jobs: false, planning: true, alerts: true });
	try {
		// Without --profile: the demo plant's behaviour on the demo's database, else a default.
		let profileName = values.profile === undefined ? 'default' : 'file';
		if (!profile) {
			const { profileFor } = await import('../seed/demo/simulation.ts');
			const demo = await profileFor(rt);
			if (demo) ({ name: profileName, profile } = demo);
		}
		const started = Date.now();
		const sim = startSimulator(rt, { speed: rate, seed, profile });
		process.stderr.write(`simulating at ${rate}× for ${values.duration} (seed ${seed}); Ctrl-C stops early\n`);
		let timer: NodeJS.Timeout | undefined;
		const stopped = new Promise<void>((resolve) => {
			timer = setTimeout(resolve, durationMs);
			process.once('SIGINT', resolve);
			process.once('SIGTERM', resolve);
		});
		await Promise.race([stopped, sim.done]);
		clearTimeout(timer);
		const stats = await sim.stop();
		await sim.done;
		await rt.planning.settle();
		return { rate, seed, profile: profileName, durationMs: Date.now() - started, ...stats };
	} finally {
		await rt.close();
	}
}

const list = (v: string | undefined) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : null);

async function run(argv: string[]): Promise<unknown> {
	const [command, ...rest] = argv;
	switch (command) {
		case 'migrate':
			return withDb(async (db) => ({ applied: await migrate(db), db: db.kind }));
		case 'rebuild-projections':
			return withDb(async (db) => {
				await migrate(db);
				return rebuildProjections(db, buildProjectors(loadConfig(process.env).timeZone), PROJECTION_RESETTERS);
			});
		case 'kpi-rebuild':
			return withDb(async (db) => {
				await migrate(db);
				return rebuildKpis(db, loadConfig(process.env).timeZone);
			});
		case 'token': {
			const { values, positionals } = parseArgs({
				args: rest,
				allowPositionals: true,
				options: { name: { type: 'string' }, kind: { type: 'string' }, types: { type: 'string' }, read: { type: 'string' }, screens: { type: 'string' } }
			});
			if (positionals[0] !== 'create') throw new UsageError('token: expected "token create"');
			const parsed = tokenInputSchema(buildCatalogue()).safeParse({
				name: values.name,
				kind: values.kind,
				eventTypes: list(values.types) ?? undefined,
				reads: list(values.read) ?? undefined,
				screens: list(values.screens) ?? undefined
			});
			if (!parsed.success) {
				const flag: Record<string, string> = { name: '--name', kind: '--kind', eventTypes: '--types', reads: '--read', screens: '--screens' };
				throw new UsageError(
					'token create: ' +
						parsed.error.issues.map((i) => `${flag[String(i.path[0])] ?? i.path.join('.')}${i.path.length > 1 ? ` (${i.path.slice(1).join('.')})` : ''}: ${i.message}`).join('; ')
				);
			}
			// Through the command, like the app and the API, so the event log records it (actor "cli").
			const rt = await createRuntime(loadConfig(process.env), { log: createLogger('warn', true), jobs: false });
			try {
				const t = await execute(rt, createTokenCommand, parsed.data, { kind: 'system', id: 'cli', name: 'cli', roles: ['admin'] }, 'cli');
				return { id: t.id, token: t.token, kind: parsed.data.kind, ...(parsed.data.eventTypes ? { eventTypes: parsed.data.eventTypes } : {}), ...(parsed.data.reads ? { reads: parsed.data.reads } : {}) };
			} finally {
				await rt.close();
			}
		}
		case 'simulate':
			return simulate(rest);
		case 'mrp': {
			const json = readInput('mrp', rest);
			return textbook(async () => (await import('./planning/textbook.ts')).runMrpCli(json));
		}
		case 'atp': {
			const json = readInput('atp', rest);
			return textbook(async () => (await import('./planning/atp.ts')).runAtpCli(json));
		}
		case 'help':
		case '--help':
			process.stderr.write(USAGE + '\n');
			return { help: true };
		case undefined:
			throw new UsageError(USAGE);
		default:
			throw new UsageError(`unknown command "${command}"\n${USAGE}`);
	}
}

run(process.argv.slice(2)).then(
	(out) => {
		process.stdout.write(JSON.stringify(out) + '\n');
	},
	(err) => {
		if (err instanceof UsageError || err instanceof ConfigError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
			process.stderr.write(err.message + '\n');
			process.exit(2);
		}
		process.stderr.write((err instanceof Error ? err.message : String(err)) + '\n');
		process.exit(1);
	}
);
