/**
 * File URIs as the client spells them. A client may encode a path differently from Node's
 * pathToFileURL (VS Code writes `(`, `)` and `@` as %28, %29 and %40); whatever the server sends
 * about an open document (diagnostics, locations, edits) names it with the client's own string.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The URI to send for `file`. */
export type UriOf = (file: string) => string;

export const fileUri: UriOf = (file) => pathToFileURL(file).href;

export interface ClientUris {
  /** The URI the client opened `file` under, or its file URI. */
  of: UriOf;
  opened(file: string, uri: string): void;
  closed(file: string, uri: string): void;
}

export function createClientUris(): ClientUris {
  const byFile = new Map<string, string>();
  return {
    of: (file) => byFile.get(resolve(file)) ?? fileUri(file),
    opened: (file, uri) => void byFile.set(resolve(file), uri),
    closed(file, uri) {
      if (byFile.get(resolve(file)) === uri) byFile.delete(resolve(file));
    },
  };
}
