// Progressive enhancement for the supplier-item forms: they post and come back to the same page, so
// the page stays where the user was (no jump to the top). The add form is emptied once saved; a row's
// form is not reset, since its fields already show the saved terms. When refused, SvelteKit's default,
// then the first field the server marked gets the focus.
import { goto } from '$app/navigation';
import type { SubmitFunction } from '@sveltejs/kit';

export const stayOnPage =
	(clearWhenSaved: boolean): SubmitFunction =>
	() =>
	async ({ update, result, formElement }) => {
		if (result.type === 'redirect') {
			await goto(result.location, { invalidateAll: true, noScroll: true });
			if (clearWhenSaved) formElement.reset();
			return;
		}
		await update({ reset: false });
		if (result.type === 'failure') formElement.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
	};
