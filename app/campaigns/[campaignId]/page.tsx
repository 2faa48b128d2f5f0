import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CampaignReview, type CheckoutReturnState } from "@/components/campaign-review";
import { CheckoutReturn } from "@/components/checkout-return";
import { LiveProgress } from "@/components/live-progress";
import { ResultsTable } from "@/components/results-table";
import { getCampaignProgress } from "@/lib/campaigns/get-campaign-progress";
import { listAddressSample } from "@/lib/campaigns/list-address-sample";
import { listSetAsideRows } from "@/lib/campaigns/list-set-aside-rows";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { formatCount, formatCountOf } from "@/lib/format/format-numbers";
import { AppError } from "@/lib/errors";
import { maintenanceMessage } from "@/lib/http/maintenance";
import { logger } from "@/lib/logger";
import { authorizeCampaignAccess } from "@/lib/links/authorize-campaign";
import { confirmReturnedSession } from "@/lib/payments/handle-stripe-event";
import { quoteForViewer } from "@/lib/reuse/viewer-quote";

/** The page's URL carries a results token, so it stays out of search engines and out of Referer headers. */
export const metadata: Metadata = {
  robots: { index: false, follow: false },
  referrer: "no-referrer",
};

type SearchParams = Record<string, string | string[] | undefined>;

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export default async function CampaignPage({
  params,
  searchParams,
}: {
  params: Promise<{ campaignId: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const { campaignId } = await params;
  const query = await searchParams;
  const token = first(query.t) ?? "";

  let reuseEmail: string | null;
  try {
    reuseEmail = authorizeCampaignAccess(campaignId, token).reuseEmail;
  } catch (error) {
    if (error instanceof AppError) notFound();
    throw error;
  }

  let campaign = await getDb().campaign.findUnique({ where: { id: campaignId } });
  if (!campaign) notFound();

  const checkoutState = first(query.checkout);
  const sessionId = first(query.session_id);
  let checkoutReturn: CheckoutReturnState | undefined = checkoutState === "cancelled" ? "cancelled" : undefined;
  if (checkoutState === "success" && (campaign.status === "draft" || campaign.status === "awaiting_payment")) {
    checkoutReturn = await confirmReturn(campaignId, sessionId);
    if (checkoutReturn === undefined) campaign = (await getDb().campaign.findUnique({ where: { id: campaignId } })) ?? campaign;
  }

  if (campaign.status === "draft" || campaign.status === "awaiting_payment") {
    // The page stays up during maintenance, because a customer back from Stripe waits here for
    // the payment to land. Only the checkout form gives way to a notice.
    const config = getConfig();
    const maintenanceNotice = config.maintenanceMode ? maintenanceMessage("checkout", config.maintenanceRetryAfterSeconds) : undefined;
    const [quote, setAsideRows, addressSample] = await Promise.all([
      quoteForViewer(campaign, reuseEmail),
      listSetAsideRows(campaignId),
      listAddressSample(campaignId),
    ]);
    return (
      <CampaignReview
        campaign={campaign}
        setAsideRows={setAsideRows}
        addressSample={addressSample}
        token={token}
        checkoutReturn={checkoutReturn}
        quote={quote}
        maintenanceNotice={maintenanceNotice}
      />
    );
  }

  const progress = await getCampaignProgress(campaignId);
  if (!progress) notFound();
  // A return from a checkout other than the one that paid means the customer paid twice. The
  // webhook refunds that second payment in full.
  const paidByOtherCheckout = checkoutState === "success" && sessionId !== undefined && campaign.checkoutSessionId !== null && sessionId !== campaign.checkoutSessionId;

  return (
    <>
      <h1>{campaign.fileName}</h1>
      <p className="hint" aria-label="What the list held">
        {formatCountOf(campaign.rowCount, "row", "rows")} read: {formatCountOf(campaign.propertyCount, "property", "properties")} to score,{" "}
        {formatCount(campaign.invalidCount)} set aside as invalid and {formatCountOf(campaign.duplicateCount, "duplicate row", "duplicate rows")}
        {campaign.duplicateCount > 0 ? " (an address listed twice is scored and charged once)." : "."}
      </p>
      <CheckoutReturn justPaid={checkoutState === "success"} paidByOtherCheckout={paidByOtherCheckout} />
      <LiveProgress campaignId={campaignId} token={token} initial={progress} />
      <ResultsTable
        campaignId={campaignId}
        campaignStatus={campaign.status}
        token={token}
        statusFilter={first(query.status)}
        sort={first(query.sort)}
        page={Number(first(query.page) ?? "1")}
      />
    </>
  );
}

/**
 * Asks Stripe about the Checkout Session the customer returned from and applies it when paid.
 * Returns undefined once the campaign is paid, or how to show a payment not yet taken. When Stripe
 * cannot be asked, the page waits for the webhook as before and keeps the form.
 */
async function confirmReturn(campaignId: string, sessionId: string | undefined): Promise<CheckoutReturnState | undefined> {
  if (!sessionId) return "unconfirmed";
  try {
    const returned = await confirmReturnedSession(campaignId, sessionId);
    if (returned === "paid") return undefined;
    if (returned === "processing") return "processing";
    return "not_paid";
  } catch (error) {
    logger.warn({ err: error, campaignId, checkoutSessionId: sessionId }, "could not confirm the returned checkout session with Stripe");
    return "unconfirmed";
  }
}
