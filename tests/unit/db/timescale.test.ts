import { describe, expect, it } from 'vitest';
import { extensionStep, retentionConfig } from '../../../server/db/timescale.ts';

describe('what to do about the TimescaleDB extension', () => {
	it('does nothing where the server does not have it', () => {
		expect(extensionStep({ available: false, installed: false, preloaded: false })).toBe('none');
		expect(extensionStep({ available: false, installed: false, preloaded: null })).toBe('none');
	});

	it('creates it only when the library is known to be preloaded', () => {
		expect(extensionStep({ available: true, installed: false, preloaded: true })).toBe('create');
	});

	it('gives the shared_preload_libraries hint instead of trying when it is not preloaded', () => {
		expect(extensionStep({ available: true, installed: false, preloaded: false })).toBe('hint-preload');
		expect(extensionStep({ available: true, installed: true, preloaded: false })).toBe('hint-preload');
	});

	it('asks for the extension to be created by its owner when this role cannot see the preload setting', () => {
		expect(extensionStep({ available: true, installed: false, preloaded: null })).toBe('hint-create');
	});

	it('uses an extension that already exists in the database', () => {
		expect(extensionStep({ available: true, installed: true, preloaded: true })).toBe('use');
		expect(extensionStep({ available: true, installed: true, preloaded: null })).toBe('use');
	});
});

describe('retention job config', () => {
	it('names the window in days, and none when the variable is unset', () => {
		expect(retentionConfig(30)).toEqual({ drop_after: '30 days' });
		expect(retentionConfig(undefined)).toBeNull();
	});
});
