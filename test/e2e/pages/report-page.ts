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

  async decide(action: 'Endorse' | 'Request changes', comment: string): Promise<void> {
    await this.page.getByLabel('Comment', { exact: true }).fill(comment);
    await this.page.getByRole('button', { name: action }).click();
  }
}
