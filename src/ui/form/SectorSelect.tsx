/**
 * The sector of a host institution or an assignment: a choice among the sectors of the country
 * already chosen, with a hint while no country is (each country has its own sectors).
 */
import { COUNTRY_SECTORS, type Country } from '../../shared/reference-data';
import { SelectField } from './SelectField';
import { sectorLabel } from '../../i18n/labels';
import { useI18n } from '../../i18n/catalog';

export function SectorSelect({
  country,
  ...props
}: {
  id: string;
  country: Country | '';
  value: string;
  onChange: (sector: string) => void;
  error: string | undefined;
  disabled?: boolean;
}) {
  const i18n = useI18n();
  return (
    <SelectField
      {...props}
      label={i18n._('core.form.sector.label')}
      prompt={i18n._('core.form.sector.prompt')}
      options={country ? COUNTRY_SECTORS[country] : []}
      optionLabel={sectorLabel}
      hint={country ? undefined : i18n._('core.form.sector.hint')}
    />
  );
}
