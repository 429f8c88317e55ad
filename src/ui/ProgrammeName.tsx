import { useI18n } from '../i18n/catalog';

/** The programme's name, on paper only: a printed timesheet or report says whose form it is. */
export function PrintedProgrammeName() {
  const i18n = useI18n();
  return <p className="print-only programme-name">{i18n._('core.programme.name')}</p>;
}
