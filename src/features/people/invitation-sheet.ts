/**
 * The invitation sheet (issue 10): new invitations for several people, one after another, so their
 * QR codes can be printed on one sheet as ODK Central provisions field users.
 */
import type { InvitationLink, Person } from '../../shared/people';
import { newInvitation } from './people-api';
import { failureMessage } from './failure-message';

/**
 * Who may be put on a sheet: only people who have not set a password yet. A new invitation ends
 * the person's sessions and clears their password (PE-4), which an active person would not expect.
 */
export const mayGoOnSheet = (person: Person): boolean => person.status === 'invited';

export interface SheetInvitation {
  person: Person;
  invitation: InvitationLink;
}

export interface SheetFailure {
  person: Person;
  message: string;
}

export interface Sheet {
  invitations: SheetInvitation[];
  failures: SheetFailure[];
}

/**
 * One request at a time: the officer sees how far it has got, and the server's rate limit is not
 * met by a burst. A refusal is kept with the person it is about and the rest still go ahead.
 * `shouldStop` is asked before each request: once the screen is gone, no further link is
 * invalidated whose replacement would never be shown.
 */
export async function issueInvitations(
  token: string,
  people: readonly Person[],
  onProgress: (current: number, total: number) => void,
  shouldStop: () => boolean = () => false,
): Promise<Sheet> {
  const sheet: Sheet = { invitations: [], failures: [] };
  for (const [index, person] of people.entries()) {
    if (shouldStop()) break;
    onProgress(index + 1, people.length);
    try {
      const { person: updated, invitation } = await newInvitation(token, person.id);
      sheet.invitations.push({ person: updated, invitation });
    } catch (error) {
      sheet.failures.push({ person, message: failureMessage(error) });
    }
  }
  return sheet;
}
