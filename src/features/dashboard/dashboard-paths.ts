/** The officers' dashboard; its own module so the header links to it without loading it. */
export const DASHBOARD_PATH = '/dashboard';
