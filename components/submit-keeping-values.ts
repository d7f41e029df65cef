import { startTransition, type FormEvent } from "react";

/**
 * An onSubmit handler that runs a form's server action without React's reset of the form
 * afterwards (which a form's action prop does): a refused field keeps what was typed. The
 * caller resets the form itself once the action succeeded, if it should. Give the form the
 * same action as its `action` prop too: without JavaScript the form still posts to it, and
 * with JavaScript React does not run a form action whose submit event was prevented.
 */
export function submitKeepingValues(action: (data: FormData) => void) {
  return (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => action(data));
  };
}
