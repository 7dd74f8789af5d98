// A tiny app-wide signal: "the contact book changed", so lists and Today refetch.
type Listener = () => void;
const listeners = new Set<Listener>();

export function onBookChanged(fn: Listener): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export function bookChanged(): void {
  for (const fn of listeners) fn();
}
