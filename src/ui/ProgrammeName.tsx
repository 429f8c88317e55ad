/** The programme's name, on paper only: a printed timesheet or report says whose form it is. */
export const PROGRAMME_NAME = 'IOM — Connecting Diaspora for Development (CD4D)';

export function PrintedProgrammeName() {
  return <p className="print-only programme-name">{PROGRAMME_NAME}</p>;
}
