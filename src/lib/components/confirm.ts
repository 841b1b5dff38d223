// What cannot be undone asks first: completing a production order, cancelling order lines, disabling a
// user, revoking a token. Without scripts the form posts as it is (the server's rules still hold).
import type { SubmitFunction } from '@sveltejs/kit';

/** Asks `message()` before submitting; a "no" sends nothing. Then behaves as `then`. */
export const confirmFirst =
	(message: () => string, then?: SubmitFunction): SubmitFunction =>
	(input) => {
		if (!confirm(message())) {
			input.cancel();
			return;
		}
		return then?.(input);
	};
