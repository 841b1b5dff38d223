// Progressive enhancement for the item forms: SvelteKit's default behaviour, then the first field
// the server marked gets the focus, so a keyboard user lands on what to fix.
import type { SubmitFunction } from '@sveltejs/kit';

export const focusFirstIssue: SubmitFunction = () => {
	return async ({ update, result, formElement }) => {
		await update();
		if (result.type === 'failure') formElement.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
	};
};
