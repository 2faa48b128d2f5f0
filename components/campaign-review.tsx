import type { Campaign } from "@prisma/client";
import { z } from "zod";
import { CheckoutForm } from "@/components/checkout-form";
import { PaymentPending } from "@/components/payment-pending";
import { formatUsd } from "@/lib/pricing";
import type { ViewerQuote } from "@/lib/reuse/viewer-quote";

const listedRows = z.array(z.object({ rowNumber: z.number(), reason: z.string().optional(), duplicateOfRow: z.number().optional() }));
const mappingSchema = z.object({ layout: z.string() }).catchall(z.unknown());

const layoutLabels: Record<string, string> = {
  separate_columns: "separate street, city, state and ZIP columns",
  single_column: "one full-address column",
  redfin: "a Redfin export",
};

/**
 * The pre-payment screen: what was read from the file, what was set aside, and the price. The
 * quote is the viewer's: earlier scores are priced in only for the link emailed to their owner.
 */
export function CampaignReview({ campaign, token, checkoutState, quote }: { campaign: Campaign; token: string; checkoutState?: string; quote: ViewerQuote }) {
  const invalid = listedRows.parse(campaign.invalidRows);
  const duplicates = listedRows.parse(campaign.duplicateRows);
  const mapping = mappingSchema.parse(campaign.columnMapping);
  const columnName = (key: string) => {
    const index = mapping[key];
    return typeof index === "number" ? campaign.sourceColumns[index] : undefined;
  };
  const usedColumns = ["street", "city", "state", "zip", "latitude", "longitude", "packedLocation"]
    .map((key) => [key, columnName(key)] as const)
    .filter((entry): entry is readonly [string, string] => entry[1] !== undefined);

  return (
    <>
      <h1>Review {campaign.fileName}</h1>
      {checkoutState === "success" && <PaymentPending campaignId={campaign.id} token={token} />}
      {checkoutState === "cancelled" && <div className="notice">Checkout was cancelled. Nothing was charged; you can pay below when ready.</div>}

      <div className="grid" aria-label="Upload summary">
        <Stat label="Properties to score" value={campaign.propertyCount} />
        <Stat label="Rows set aside (invalid)" value={campaign.invalidCount} />
        <Stat label="Duplicate rows (charged once)" value={campaign.duplicateCount} />
        <Stat label="Rows read" value={campaign.rowCount} />
      </div>

      <div className="card">
        <h2>Columns used</h2>
        <p>
          Read as {layoutLabels[mapping.layout] ?? mapping.layout}
          {campaign.defaultCity ? `, with ${campaign.defaultCity}, ${campaign.defaultState} for every row` : ""}.
        </p>
        <ul>
          {usedColumns.map(([key, name]) => (
            <li key={key}>
              {key === "packedLocation" ? "coordinates" : key}: <code>{name}</code>
            </li>
          ))}
        </ul>
      </div>

      {invalid.length > 0 && (
        <details className="card">
          <summary>
            {campaign.invalidCount} invalid {campaign.invalidCount === 1 ? "row" : "rows"} will not be scored or charged
          </summary>
          <table>
            <thead>
              <tr>
                <th>Row</th>
                <th>Reason</th>
              </tr>
            </thead>
            <tbody>
              {invalid.map((row) => (
                <tr key={row.rowNumber}>
                  <td>{row.rowNumber}</td>
                  <td>{row.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {campaign.invalidCount > invalid.length && <p className="hint">Showing the first {invalid.length}.</p>}
        </details>
      )}

      {duplicates.length > 0 && (
        <details className="card">
          <summary>
            {campaign.duplicateCount} duplicate {campaign.duplicateCount === 1 ? "row repeats" : "rows repeat"} an address already on the list
          </summary>
          <table>
            <thead>
              <tr>
                <th>Row</th>
                <th>Same address as row</th>
              </tr>
            </thead>
            <tbody>
              {duplicates.map((row) => (
                <tr key={row.rowNumber}>
                  <td>{row.rowNumber}</td>
                  <td>{row.duplicateOfRow}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}

      <div className="card">
        <h2>Price</h2>
        {quote.reuseNotice && (
          <p className="notice" data-testid="reuse-notice">
            {quote.reuseNotice}
          </p>
        )}
        {!quote.reuseEmail && campaign.ownerEmail && quote.reuseDays > 0 && (
          <p className="hint" data-testid="reuse-check-notice">
            If any of these addresses were scored for {campaign.ownerEmail} in the last {quote.reuseDays} days, we email{" "}
            {campaign.ownerEmail} a link to this list with them included free. This page prices every property.
          </p>
        )}
        <p>
          {quote.chargeableCount} {quote.chargeableCount === 1 ? "property" : "properties"} × {formatUsd(quote.pricePerPropertyCents)} ={" "}
          {formatUsd(quote.subtotalCents)}
          {quote.reusedCount > 0 && <>, plus {quote.reusedCount} already scored for you at no charge</>}
          {quote.minimumApplied && <> — Stripe&apos;s minimum charge of {formatUsd(quote.amountCents)} applies</>}.
        </p>
        <p>
          <strong data-testid="quote-total">Total: {formatUsd(quote.amountCents)}</strong>
          {quote.amountCents === 0 && <> — nothing to pay</>}
        </p>
        <CheckoutForm
          campaignId={campaign.id}
          token={token}
          defaultEmail={quote.reuseEmail ?? campaign.ownerEmail ?? ""}
          lockedEmail={quote.reuseEmail}
          free={quote.amountCents === 0}
        />
      </div>
    </>
  );
}

function Stat({ label, value }: { label: string; value: number }) {
  return (
    <div className="stat">
      <div className="value">{value.toLocaleString("en-US")}</div>
      <div className="label">{label}</div>
    </div>
  );
}
