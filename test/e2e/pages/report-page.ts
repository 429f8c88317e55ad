/** Page object for a knowledge-transfer report: write, submit, decide, as the screen words it. */
import type { Page } from 'playwright-core';
import { reportPath } from '../../../src/shared/paths';
import type { ReportKind } from '../../../src/shared/schemas/report.schema';

export class ReportPage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  async open(assignmentId: string, kind: ReportKind): Promise<void> {
    await this.page.goto(`${this.baseUrl}${reportPath(assignmentId, kind)}`);
  }

  section(label: string) {
    return this.page.getByLabel(label, { exact: true });
  }

  /** Types into a section and waits until the autosave has it in the device database. */
  async write(label: string, text: string): Promise<void> {
    await this.section(label).fill(text);
    // "Saved on this device" shows before typing too: wait for the save of this text to begin.
    await this.page.getByText('Saving…').first().waitFor();
    await this.page.getByText('Saved on this device').first().waitFor();
  }

  async submit(): Promise<void> {
    await this.page.getByRole('button', { name: 'Submit report' }).click();
    await this.page.getByRole('button', { name: 'Yes, submit' }).click();
  }

  /** The status line, as the screen words it (`Submitted — waiting for endorsement` …). */
  status() {
    return this.page.locator('.report-status strong');
  }

  /**
   * Reads the report as submitted, then decides. Returns once the device has the decision (the
   * form is gone); a decision the device did not take (a field error, a refusal) fails here with
   * what the screen says, not 30 s later on the server.
   */
  async decide(action: 'Endorse' | 'Request changes', comment: string): Promise<void> {
    await this.status().filter({ hasText: 'Submitted' }).waitFor({ timeout: 30_000 });
    const field = this.page.getByLabel('Comment', { exact: true });
    await field.fill(comment);
    await this.page.getByRole('button', { name: action }).click();
    await field.waitFor({ state: 'detached', timeout: 10_000 }).catch(async () => {
      const said = await this.page
        .locator('.report-status, .field-error, .form-error, .refusals')
        .allTextContents();
      throw new Error(`“${action}” was not taken on the device; the screen says: ${said.join(' | ')}`);
    });
  }
}
