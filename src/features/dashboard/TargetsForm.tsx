/** The officer's target of matched experts per country, kept on this device only. */
import { DEFAULT_TARGET_PER_COUNTRY, type Targets } from './dashboard-figures';

export function TargetsForm({
  countries,
  targets,
  onChange,
}: {
  countries: readonly string[];
  targets: Targets;
  onChange: (country: string, target: number | null) => void;
}) {
  return (
    <details className="targets">
      <summary>Targets of matched experts</summary>
      <p className="hint">
        Kept on this device only, for you: they do not sync to other devices or officers. An empty field means
        the programme's {DEFAULT_TARGET_PER_COUNTRY}.
      </p>
      {countries.map((country) => (
        <div className="field" key={country}>
          <label htmlFor={`target-${country}`}>Target for {country}</label>
          <input
            id={`target-${country}`}
            type="number"
            inputMode="numeric"
            min={1}
            step={1}
            value={targets[country] ?? ''}
            placeholder={String(DEFAULT_TARGET_PER_COUNTRY)}
            onChange={(event) => {
              const value = event.target.valueAsNumber;
              onChange(country, Number.isInteger(value) && value > 0 ? value : null);
            }}
          />
        </div>
      ))}
    </details>
  );
}
