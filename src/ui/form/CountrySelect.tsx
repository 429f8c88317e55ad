/** The country of a host institution or an assignment, among the programme's countries. */
import { COUNTRIES, type Country } from '../../shared/reference-data';
import { SelectField } from './SelectField';
import { countryLabel } from '../../i18n/labels';
import { useI18n } from '../../i18n/catalog';

export function CountrySelect(props: {
  id: string;
  value: Country | '';
  onChange: (country: Country | '') => void;
  error: string | undefined;
  disabled?: boolean;
}) {
  const i18n = useI18n();
  return (
    <SelectField
      {...props}
      label={i18n._('core.form.country.label')}
      prompt={i18n._('core.form.country.prompt')}
      options={COUNTRIES}
      optionLabel={countryLabel}
    />
  );
}
