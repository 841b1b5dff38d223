// What every answer carries for the browser's protection, and the Origin check of requests that a
// session cookie authenticates. Pages also get a Content-Security-Policy from kit.csp (svelte.config.js);
// these headers cover every response, API answers and files included.

/** Sent on every response (a handler's own value wins). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
	'x-content-type-options': 'nosniff',
	'referrer-policy': 'strict-origin-when-cross-origin',
	// No page is meant to be framed; CSP frame-ancestors says the same to browsers that read it.
	'x-frame-options': 'DENY',
	'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
	'cross-origin-opener-policy': 'same-origin'
};

/** The response with the security headers added (HSTS only when the site is served over HTTPS). */
export function withSecurityHeaders(response: Response, https: boolean): Response {
	const headers: Record<string, string> = { ...SECURITY_HEADERS };
	if (https) headers['strict-transport-security'] = 'max-age=31536000';
	let out = response;
	for (const [name, value] of Object.entries(headers)) {
		if (out.headers.has(name)) continue;
		try {
			out.headers.set(name, value);
		} catch {
			// Some responses (a fetched one passed through) have immutable headers: copy once.
			out = new Response(out.body, out);
			out.headers.set(name, value);
		}
	}
	return out;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A request that changes something, authenticated by the session cookie, must come from this site's
 * own pages: its Origin must be this origin, as SvelteKit already demands of form posts. Requests
 * that carry an Authorization header are authenticated by their token, which a browser never adds
 * on its own, so they are not checked. Returns the refusal, or null to go on.
 */
export function crossSiteRefusal(request: Request, url: URL, hasSessionCookie: boolean): Response | null {
	if (SAFE_METHODS.has(request.method) || !hasSessionCookie || request.headers.has('authorization')) return null;
	if (request.headers.get('origin') === url.origin) return null;
	const message = `cross-site ${request.method} with a session cookie is forbidden: the Origin must be ${url.origin}`;
	if (url.pathname.startsWith('/api/')) {
		return new Response(JSON.stringify({ error: message, code: 'ERR_FORBIDDEN' }), {
			status: 403,
			headers: { 'content-type': 'application/json' }
		});
	}
	return new Response(message, { status: 403, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}
