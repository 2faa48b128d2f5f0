import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CampaignReview } from "@/components/campaign-review";
import { CheckoutReturn } from "@/components/checkout-return";
import { LiveProgress } from "@/components/live-progress";
import { ResultsTable } from "@/components/results-table";
import { getCampaignProgress } from "@/lib/campaigns/get-campaign-progress";
import { listSetAsideRows } from "@/lib/campaigns/list-set-aside-rows";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { formatCount, formatCountOf } from "@/lib/format/format-numbers";
import { AppError } from "@/lib/errors";
import { maintenanceMessage } from "@/lib/http/maintenance";
import { authorizeCampaignAccess } from "@/lib/links/authorize-campaign";
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

  const campaign = await getDb().campaign.findUnique({ where: { id: campaignId } });
  if (!campaign) notFound();

  const checkoutState = first(query.checkout);
  if (campaign.status === "draft" || campaign.status === "awaiting_payment") {
    // The page stays up during maintenance, because a customer back from Stripe waits here for
    // the payment to land. Only the checkout form gives way to a notice.
    const config = getConfig();
    const maintenanceNotice = config.maintenanceMode ? maintenanceMessage("checkout", config.maintenanceRetryAfterSeconds) : undefined;
    const [quote, setAsideRows] = await Promise.all([quoteForViewer(campaign, reuseEmail), listSetAsideRows(campaignId)]);
    return (
      <CampaignReview
        campaign={campaign}
        setAsideRows={setAsideRows}
        token={token}
        checkoutState={checkoutState}
        quote={quote}
        maintenanceNotice={maintenanceNotice}
      />
    );
  }

  const progress = await getCampaignProgress(campaignId);
  if (!progress) notFound();

  return (
    <>
      <h1>{campaign.fileName}</h1>
      <p className="hint" aria-label="What the list held">
        {formatCountOf(campaign.rowCount, "row", "rows")} read: {formatCountOf(campaign.propertyCount, "property", "properties")} to score,{" "}
        {formatCount(campaign.invalidCount)} set aside as invalid and {formatCountOf(campaign.duplicateCount, "duplicate row", "duplicate rows")}
        {campaign.duplicateCount > 0 ? " (an address listed twice is scored and charged once)." : "."}
      </p>
      <CheckoutReturn justPaid={checkoutState === "success"} />
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
