// Progressive enhancement for the forms of an order's page. They post and come back to the same page:
// stay where the user was instead of jumping to the top (the page re-mounts its forms from what is
// stored once the order has a new event). When refused, SvelteKit's default, then the first field the
// server marked gets the focus.
import { goto } from '$app/navigation';
import type { SubmitFunction } from '@sveltejs/kit';

export const stayOnRecord: SubmitFunction = () => {
	return async ({ update, result, formElement }) => {
		if (result.type === 'redirect') {
			await goto(result.location, { invalidateAll: true, noScroll: true });
			return;
		}
		await update();
		if (result.type === 'failure') formElement.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
	};
};
