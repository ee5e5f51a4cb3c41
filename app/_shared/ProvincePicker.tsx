/**
 * An admin's province switch: a plain GET form to `action?provinsi=…`, so it works before the page's
 * scripts have loaded. `keep` carries other query parameters the page wants to keep.
 */
export function ProvincePicker({
  action,
  id,
  label,
  submit,
  provinces,
  current,
  keep = {},
}: {
  action: string;
  id: string;
  label: string;
  submit: string;
  provinces: { code: string; name: string }[];
  current: string;
  keep?: Record<string, string | number>;
}) {
  if (provinces.length === 0) return null;
  return (
    <form className="province-picker" action={action}>
      <label htmlFor={id}>{label}</label>
      <select id={id} name="provinsi" defaultValue={current}>
        {provinces.map((option) => (
          <option key={option.code} value={option.code}>
            {option.name}
          </option>
        ))}
      </select>
      {Object.entries(keep).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit">{submit}</button>
    </form>
  );
}
