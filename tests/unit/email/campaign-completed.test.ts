import { render } from "@react-email/render";
import { describe, expect, it } from "vitest";
import CampaignCompletedEmail, { type CampaignCompletedProps, describeScoredCount } from "@/emails/campaign-completed";
import { describeRefund, statusLabels, strongCandidatesLabel } from "@/lib/labels/customer-labels";

const props: CampaignCompletedProps = {
  fileName: "detroit.csv",
  propertyCount: 12000,
  scored: 11234,
  strongCandidates: 1500,
  unassessable: 300,
  noImagery: 250,
  notLocated: 200,
  failed: 16,
  refund: { amount: "$3,830.00", propertyCount: 766 },
  resultsUrl: "http://127.0.0.1:3000/campaigns/00000000-0000-4000-8000-000000000000?t=token",
  linkExpiresInDays: 30,
};

async function renderText(values: CampaignCompletedProps): Promise<string> {
  return render(CampaignCompletedEmail(values), { plainText: true });
}

describe("campaign completed email", () => {
  it("writes counts with thousands separators", async () => {
    const text = await renderText(props);

    expect(text).toContain("all 12,000 properties have a final");
    expect(text).toContain(`${statusLabels.scored}: 11,234`);
    expect(text).toContain(`${strongCandidatesLabel}: 1,500`);
    const summary = text.slice(0, text.indexOf("Open results"));
    expect(summary).not.toMatch(/\d{4}/);
  });

  it("uses the page's status labels", async () => {
    const text = await renderText(props);

    expect(text).toContain(`${statusLabels.geocode_failed}: 200`);
    expect(text).toContain(`${statusLabels.unassessable}: 300`);
    expect(text).toContain(`${statusLabels.no_imagery}: 250`);
    expect(text).toContain(`${statusLabels.failed}: 16`);
  });

  it("uses the page's refund sentence", async () => {
    const text = await renderText(props);

    expect(text.replace(/\s+/g, " ")).toContain(describeRefund("$3,830.00", 766));
  });

  it("leaves out the refund when none was made", async () => {
    const text = await renderText({ ...props, refund: null });

    expect(text).not.toContain("refunded");
  });
});

describe("describeScoredCount", () => {
  it("formats both counts", () => {
    expect(describeScoredCount(11234, 12000)).toBe("11,234 of 12,000 properties scored");
  });

  it("uses the singular for one property", () => {
    expect(describeScoredCount(1, 1)).toBe("1 of 1 property scored");
  });
});
