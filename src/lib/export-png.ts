// Saves a part of a page as a PNG, drawn in the browser as the user sees it (modern-screenshot: the
// DOM is cloned with its computed styles into an SVG foreignObject and drawn on a canvas). It works
// under the app's Content-Security-Policy: no worker, no inline script, the SVG is an image (`data:`),
// and the page's fonts are the system's (Noto CJK on Linux), so nothing is fetched. Loaded on click,
// so pages that never export carry none of it.

/** Elements marked so (buttons, forms) are left out of the image, as print leaves them out. */
export const SKIP_ATTRIBUTE = 'data-png-skip';

export async function downloadPng(node: HTMLElement, fileName: string): Promise<void> {
	const { domToBlob } = await import('modern-screenshot');
	const blob = await domToBlob(node, {
		type: 'image/png',
		// Sharp enough to read on a projector or zoomed in, on a phone as on a desk.
		scale: Math.max(2, Math.min(3, window.devicePixelRatio || 1)),
		backgroundColor: getComputedStyle(document.body).backgroundColor || '#ffffff',
		font: false,
		filter: (n) => !(n instanceof Element && n.hasAttribute(SKIP_ATTRIBUTE))
	});
	if (!blob || blob.size === 0) throw new Error('empty image');
	const url = URL.createObjectURL(blob);
	try {
		const a = document.createElement('a');
		a.href = url;
		a.download = fileName;
		a.rel = 'noopener';
		document.body.append(a);
		a.click();
		a.remove();
	} finally {
		// The download has started from the URL; free it a little later.
		setTimeout(() => URL.revokeObjectURL(url), 10_000);
	}
}
