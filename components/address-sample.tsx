import type { SampleAddress } from "@/lib/campaigns/list-address-sample";
import { formatCount } from "@/lib/format/format-numbers";

/** Shows the first properties as the import read them: street, city, state and ZIP, per file row. */
export function AddressSample({ addresses, propertyCount }: { addresses: SampleAddress[]; propertyCount: number }) {
  if (addresses.length === 0) return null;
  return (
    <div className="card" data-testid="address-sample">
      <h2>First addresses as read</h2>
      <table>
        <thead>
          <tr>
            <th>Row</th>
            <th>Street</th>
            <th>City</th>
            <th>State</th>
            <th>ZIP</th>
          </tr>
        </thead>
        <tbody>
          {addresses.map((address) => (
            <tr key={address.rowNumber}>
              <td>{address.rowNumber}</td>
              <td>
                {address.street}
                {address.hasCoordinates && <span className="hint"> (coordinates from the list)</span>}
              </td>
              <td>{address.city ?? "—"}</td>
              <td>{address.state ?? "—"}</td>
              <td>{address.zip ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">
        {addresses.length < propertyCount
          ? `The first ${formatCount(addresses.length)} of ${formatCount(propertyCount)} properties. If these are read wrong, fix the file or the city and state, and upload it again before paying.`
          : "If these are read wrong, fix the file or the city and state, and upload it again before paying."}
      </p>
    </div>
  );
}
