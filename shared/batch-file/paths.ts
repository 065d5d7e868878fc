import { isWellFormed } from './bytes';

/**
 * Why an entry or attachment name is refused, or null when it is a plain relative path: segments
 * separated by `/`, none empty, `.` or `..`, no backslash, colon (drive letters, Windows streams) or
 * control character, not starting with `/`.
 */
export function pathProblem(name: string, noun = 'an entry'): string | null {
  if (name === '') return `has ${noun} with an empty name`;
  if (!isWellFormed(name)) return `has ${noun} name that is not valid Unicode (${JSON.stringify(name)})`;
  const shown = JSON.stringify(name);
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  if (/[\u0000-\u001f\u007f]/u.test(name)) return `has ${noun} named ${shown}, with a control character in it`;
  if (name.startsWith('/')) return `has ${noun} named ${shown}, an absolute path`;
  if (/^[A-Za-z]:/u.test(name)) return `has ${noun} named ${shown}, which starts with a drive letter`;
  if (name.includes('\\')) return `has ${noun} named ${shown}, with a backslash in it`;
  if (name.includes(':')) return `has ${noun} named ${shown}, with a colon in it`;
  const segments = name.split('/');
  if (segments.includes('..')) return `has ${noun} named ${shown}, which points outside the file with ".."`;
  if (segments.includes('.')) return `has ${noun} named ${shown}, with a "." segment`;
  if (name.endsWith('/')) return `has a folder ${shown} as ${noun}; Loupe files hold files only`;
  if (segments.includes('')) return `has ${noun} named ${shown}, with an empty segment ("//")`;
  return null;
}

/** Names that would land on one file on a case-insensitive disk are one name. */
export function pathKey(name: string): string {
  return name.normalize('NFC').toLowerCase();
}
