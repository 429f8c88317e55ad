/** Page object for a month's timesheet: submit, return, approve, as the screens word them. */
import type { Page } from 'playwright-core';
import { timesheetPath } from '../../../src/shared/paths';

export class TimesheetPage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  async open(assignmentId: string, month: string): Promise<void> {
    await this.page.goto(`${this.baseUrl}${timesheetPath(assignmentId, month)}`);
  }

  async submit(fullName: string): Promise<void> {
    await this.page.getByLabel('I confirm these hours are a true record').check();
    await this.page.getByLabel('Full name').fill(fullName);
    await this.page.getByRole('button', { name: 'Submit timesheet' }).click();
    // A month still running asks first (issue 11 §2): the tests mean to submit it.
    const anyway = this.page.getByRole('button', { name: 'Submit anyway' });
    await anyway
      .or(this.page.getByText('Submitted — waiting for sign-off'))
      .or(this.page.getByRole('alert'))
      .first()
      .waitFor();
    if (await anyway.isVisible()) await anyway.click();
  }

  async returnToExpert(comment: string): Promise<void> {
    await this.page.getByLabel('Comment for the expert').fill(comment);
    await this.page.getByRole('button', { name: 'Return to expert' }).click();
  }

  async approve(fullName: string): Promise<void> {
    await this.page.getByLabel('Full name').fill(fullName);
    await this.page.getByRole('button', { name: 'Approve' }).click();
  }

  text(text: string | RegExp) {
    return this.page.getByText(text).first();
  }
}
