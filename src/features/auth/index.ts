/** What other features may use of the sign-in feature: its wording of a failed sign-in (the re-auth banner). */
export { signInErrorMessage } from './sign-in-error';
