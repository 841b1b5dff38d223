// Progressive enhancement for the forms of a purchasing record's page. They post and come back to the
// same page: stay where the user was (no jump to the top) and clear what was typed once it is saved;
// when refused, SvelteKit's default, then the first field the server marked gets the focus.
import { goto } from '$app/navigation';
import type { SubmitFunction } from '@sveltejs/kit';

export const stayOnRecord: SubmitFunction = () => {
	return async ({ update, result, formElement }) => {
		if (result.type === 'redirect') {
			await goto(result.location, { invalidateAll: true, noScroll: true });
			formElement.reset();
			return;
		}
		await update();
		if (result.type === 'failure') formElement.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
	};
};
