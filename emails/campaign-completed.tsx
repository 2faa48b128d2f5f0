import { Body, Button, Container, Head, Heading, Hr, Html, Preview, Section, Text } from "@react-email/components";
import { z } from "zod";
import { formatCount, formatCountOf } from "@/lib/format/format-numbers";
import { describeRefund, statusLabels, strongCandidatesLabel } from "@/lib/labels/customer-labels";

export const campaignCompletedPropsSchema = z.object({
  fileName: z.string().min(1),
  propertyCount: z.number().int().nonnegative(),
  scored: z.number().int().nonnegative(),
  strongCandidates: z.number().int().nonnegative(),
  unassessable: z.number().int().nonnegative(),
  noImagery: z.number().int().nonnegative(),
  notLocated: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  /** Properties whose earlier score was reused at no charge. */
  reused: z.number().int().nonnegative().default(0),
  /** Amount refunded for the properties that got no score, already formatted, or null for none. */
  refund: z.object({ amount: z.string().min(1), propertyCount: z.number().int().positive() }).nullable(),
  resultsUrl: z.url(),
  linkExpiresInDays: z.number().int().positive(),
});

export type CampaignCompletedProps = z.input<typeof campaignCompletedPropsSchema>;

/** The email sent once when every property of a campaign has a final status. */
export default function CampaignCompletedEmail(props: CampaignCompletedProps) {
  const rows: Array<[string, number]> = [
    [statusLabels.scored, props.scored],
    [strongCandidatesLabel, props.strongCandidates],
    [statusLabels.unassessable, props.unassessable],
    [statusLabels.no_imagery, props.noImagery],
    [statusLabels.geocode_failed, props.notLocated],
    [statusLabels.failed, props.failed],
  ];

  return (
    <Html lang="en">
      <Head />
      <Preview>{`${props.fileName}: ${describeScoredCount(props.scored, props.propertyCount)}`}</Preview>
      <Body style={{ backgroundColor: "#f5f5f4", fontFamily: "Helvetica, Arial, sans-serif", color: "#1c1917" }}>
        <Container style={{ backgroundColor: "#ffffff", padding: "32px", margin: "24px auto", maxWidth: "560px" }}>
          <Heading as="h1" style={{ fontSize: "22px" }}>
            Your campaign is scored
          </Heading>
          <Text>
            Curbscore finished <strong>{props.fileName}</strong>: {props.propertyCount === 1 ? "its one property has" : `all ${formatCount(props.propertyCount)} properties have`} a final
            result.
          </Text>
          <Section>
            {rows.map(([label, count]) => (
              <Text key={label} style={{ margin: "4px 0" }}>
                {label}: <strong>{formatCount(count)}</strong>
              </Text>
            ))}
          </Section>
          {(props.reused ?? 0) > 0 && (
            <Text>
              {props.reused} of the scored properties {props.reused === 1 ? "was" : "were"} already scored for you in an earlier
              campaign: {props.reused === 1 ? "that result was" : "those results were"} reused at no charge.
            </Text>
          )}
          {props.refund && (
            <Text>{describeRefund(props.refund.amount, props.refund.propertyCount)}</Text>
          )}
          <Section style={{ margin: "24px 0" }}>
            <Button href={props.resultsUrl} style={{ backgroundColor: "#166534", color: "#ffffff", padding: "12px 20px", borderRadius: "6px" }}>
              Open results
            </Button>
          </Section>
          <Hr />
          <Text style={{ fontSize: "12px", color: "#57534e" }}>
            The link opens your results without a password for {props.linkExpiresInDays} days. Anyone with the link can see them, so
            forward it with care.
          </Text>
        </Container>
      </Body>
    </Html>
  );
}

/** Describes the scored count for the subject line and the preview text, e.g. "1,180 of 1,204 properties scored". */
export function describeScoredCount(scored: number, propertyCount: number): string {
  return `${formatCount(scored)} of ${formatCountOf(propertyCount, "property", "properties")} scored`;
}
