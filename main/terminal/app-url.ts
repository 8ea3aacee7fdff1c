/** The origin the Electron shell serves the renderer from (a privileged, standard scheme). */
export const APP_ORIGIN = 'app://lane';

/**
 * Whether `url` belongs to the renderer's own origin. Compares scheme and host rather than
 * `URL.origin`: Node's URL parser does not know the app scheme is standard and gives its
 * URLs the origin "null". Anything unparsable is foreign.
 */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'app:' && parsed.host === 'lane' && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}
