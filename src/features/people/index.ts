/** What other features may use of the people feature: the list of people (the assignment form's choices). */
export { listPeople } from './people-api';
