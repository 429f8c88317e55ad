/** The country of a host institution or an assignment, among the programme's countries. */
import { COUNTRIES, type Country } from '../../shared/reference-data';
import { SelectField } from './SelectField';

export function CountrySelect(props: {
  id: string;
  value: Country | '';
  onChange: (country: Country | '') => void;
  error: string | undefined;
  disabled?: boolean;
}) {
  return <SelectField {...props} label="Country" prompt="Choose the country" options={COUNTRIES} />;
}
