// Which book the window works on: a file on this computer, or the team's book on a server with
// the person signed in (set once from appInfo at start).
let login: string | null = null;

export function setSignedIn(who: string | null): void {
  login = who;
}

/** The signed-in person's login on the team's book; null on a book file. */
export function signedIn(): string | null {
  return login;
}
