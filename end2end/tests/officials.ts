// The officials' accounts the browser tests sign in with (created before the server starts).
export const PASSWORD = 'correct horse battery staple';
export const OFFICIALS: [string, string, string | null][] = [
  ['author@boone.example', 'author', 'boone-county'],
  ['reviewer@boone.example', 'reviewer', 'boone-county'],
  ['admin@sos.example', 'admin', null],
];
