/**
 * The sector of a host institution or an assignment: a choice among the sectors of the country
 * already chosen, with a hint while no country is (each country has its own sectors).
 */
import { COUNTRY_SECTORS, type Country } from '../../shared/reference-data';
import { SelectField } from './SelectField';

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
  return (
    <SelectField
      {...props}
      label="Sector"
      prompt="Choose the sector"
      options={country ? COUNTRY_SECTORS[country] : []}
      hint={country ? undefined : 'Choose the country first: each country has its own sectors.'}
    />
  );
}
