/** The officers' People screen; its own module so the header links to it without loading it. */
export const PEOPLE_PATH = '/people';
