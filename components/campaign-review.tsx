import type { Campaign } from "@prisma/client";
import { z } from "zod";
import { AddressSample } from "@/components/address-sample";
import { CheckoutForm } from "@/components/checkout-form";
import { CheckoutReturn } from "@/components/checkout-return";
import { PaymentPending } from "@/components/payment-pending";
import type { SampleAddress } from "@/lib/campaigns/list-address-sample";
import type { SetAsideRows } from "@/lib/campaigns/list-set-aside-rows";
import { formatCount, formatCountOf, formatUsd } from "@/lib/format/format-numbers";
import { describeLayout } from "@/lib/labels/describe-layout";
import type { ViewerQuote } from "@/lib/reuse/viewer-quote";

/** The state of a return from Stripe Checkout, as the campaign page found it. */
export type CheckoutReturnState = "processing" | "unconfirmed" | "not_paid" | "cancelled";

const mappingSchema = z.object({ layout: z.string() }).catchall(z.unknown());

/**
 * The pre-payment screen: what was read from the file, what was set aside, and the price. The
 * quote is the viewer's: earlier scores are priced in only for the link emailed to their owner.
 */
export function CampaignReview({
  campaign,
  setAsideRows,
  addressSample,
  token,
  checkoutReturn,
  quote,
  maintenanceNotice,
}: {
  campaign: Campaign;
  /** The first invalid and duplicate rows, from `listSetAsideRows`. */
  setAsideRows: SetAsideRows;
  /** The first properties as read, from `listAddressSample`. */
  addressSample: SampleAddress[];
  token: string;
  /**
   * The customer's return from Stripe Checkout: a payment Stripe still processes (the
   * form is hidden, so nothing is paid twice), a return not yet confirmed, a checkout left unpaid,
   * or a cancelled one.
   */
  checkoutReturn?: CheckoutReturnState;
  quote: ViewerQuote;
  /** Set while MAINTENANCE_MODE is on: shown instead of the checkout form. */
  maintenanceNotice?: string;
}) {
  const { invalid, duplicates } = setAsideRows;
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
      {(checkoutReturn === "processing" || checkoutReturn === "unconfirmed") && (
        <PaymentPending campaignId={campaign.id} token={token} processing={checkoutReturn === "processing"} />
      )}
      {(checkoutReturn === "cancelled" || checkoutReturn === "not_paid") && (
        <>
          <CheckoutReturn justPaid={false} />
          <div className="notice">
            {checkoutReturn === "cancelled" ? "Checkout was cancelled." : "Stripe has no payment from that checkout."} Nothing was charged; you can
            pay below when ready.
          </div>
        </>
      )}

      <div className="grid" aria-label="Upload summary">
        <Stat label="Properties to score" value={campaign.propertyCount} />
        <Stat label="Rows set aside (invalid)" value={campaign.invalidCount} />
        <Stat label="Duplicate rows (charged once)" value={campaign.duplicateCount} />
        <Stat label="Rows read" value={campaign.rowCount} />
      </div>

      <div className="card">
        <h2>Columns used</h2>
        <p>
          Read as {describeLayout(mapping.layout, usedColumns.map(([key]) => key), campaign.defaultCity !== null)}
          {campaign.defaultCity ? `, with ${campaign.defaultCity}, ${campaign.defaultState?.toUpperCase() ?? ""} where a row gives no city and state` : ""}.
        </p>
        <ul>
          {usedColumns.map(([key, name]) => (
            <li key={key}>
              {key === "packedLocation" ? "coordinates" : key}: <code>{name}</code>
            </li>
          ))}
        </ul>
      </div>

      <AddressSample addresses={addressSample} propertyCount={campaign.propertyCount} />

      {invalid.length > 0 && (
        <details className="card">
          <summary>
            {formatCountOf(campaign.invalidCount, "invalid row", "invalid rows")} will not be scored or charged
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
          <ListedRowsHint listed={invalid.length} total={campaign.invalidCount} />
        </details>
      )}

      {duplicates.length > 0 && (
        <details className="card">
          <summary>
            {formatCountOf(campaign.duplicateCount, "duplicate row repeats", "duplicate rows repeat")} an address already on the list
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
          <ListedRowsHint listed={duplicates.length} total={campaign.duplicateCount} />
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
          {formatCountOf(quote.chargeableCount, "property", "properties")} × {formatUsd(quote.pricePerPropertyCents)} ={" "}
          {formatUsd(quote.subtotalCents)}
          {quote.reusedCount > 0 && <>, plus {formatCount(quote.reusedCount)} already scored for you at no charge</>}
          {quote.minimumApplied && <> — Stripe&apos;s minimum charge of {formatUsd(quote.amountCents)} applies</>}.
        </p>
        <p>
          <strong data-testid="quote-total">Total: {formatUsd(quote.amountCents)}</strong>
          {quote.amountCents === 0 && <> — nothing to pay</>}
        </p>
        {checkoutReturn === "processing" ? null : maintenanceNotice ? (
          <div className="notice" role="status">
            {maintenanceNotice}
          </div>
        ) : (
          <CheckoutForm
            campaignId={campaign.id}
            token={token}
            defaultEmail={quote.reuseEmail ?? campaign.ownerEmail ?? ""}
            lockedEmail={quote.reuseEmail}
            free={quote.amountCents === 0}
          />
        )}
      </div>
    </>
  );
}

function Stat({ label, value }: { label: string; value: number }) {
  return (
    <div className="stat">
      <div className="value">{formatCount(value)}</div>
      <div className="label">{label}</div>
    </div>
  );
}

function ListedRowsHint({ listed, total }: { listed: number; total: number }) {
  return (
    <p className="hint">
      Row 1 is the first row below the header.
      {total > listed && <> Showing the first {formatCount(listed)}; the CSV export after payment lists every row.</>}
    </p>
  );
}
