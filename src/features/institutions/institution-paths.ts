/** URLs of the officers' Institutions screen; its own module so the header links to it without loading it. */
export const INSTITUTIONS_PATH = '/institutions';
export const NEW_INSTITUTION_PATH = '/institutions/new';

export function institutionPath(institutionId: string): string {
  return `${INSTITUTIONS_PATH}/${encodeURIComponent(institutionId)}`;
}
