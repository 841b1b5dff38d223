// Progressive enhancement for the settings forms. A saved form redirects back to its page (the list
// then shows the record); the page re-mounts the form from scratch, so nothing typed is left. When
// refused, SvelteKit's default, then the first field the server marked gets the focus.
import { goto } from '$app/navigation';
import type { SubmitFunction } from '@sveltejs/kit';

export const saveAndStay: SubmitFunction = () => {
	return async ({ update, result, formElement }) => {
		if (result.type === 'redirect') {
			await goto(result.location, { invalidateAll: true, noScroll: true });
			return;
		}
		await update({ reset: false });
		if (result.type === 'failure') formElement.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
	};
};
