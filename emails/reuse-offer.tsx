import { Body, Button, Container, Head, Heading, Hr, Html, Preview, Text } from "@react-email/components";
import { z } from "zod";

export const reuseOfferPropsSchema = z.object({
  fileName: z.string().min(1),
  propertyCount: z.number().int().positive(),
  reusedCount: z.number().int().positive(),
  days: z.number().int().positive(),
  reviewUrl: z.url(),
  linkExpiresInDays: z.number().int().positive(),
});

export type ReuseOfferProps = z.infer<typeof reuseOfferPropsSchema>;

/** Sent to the email given at upload when some of the list's addresses were scored for it recently. */
export default function ReuseOfferEmail(props: ReuseOfferProps) {
  const some = props.reusedCount === 1 ? "1 property" : `${props.reusedCount} properties`;
  return (
    <Html lang="en">
      <Head />
      <Preview>{`${some} of ${props.fileName} already scored for you: included free`}</Preview>
      <Body style={{ backgroundColor: "#f5f5f4", fontFamily: "Helvetica, Arial, sans-serif", color: "#1c1917" }}>
        <Container style={{ backgroundColor: "#ffffff", padding: "32px", margin: "24px auto", maxWidth: "560px" }}>
          <Heading as="h1" style={{ fontSize: "22px" }}>
            {some} already scored for you
          </Heading>
          <Text>
            You uploaded <strong>{props.fileName}</strong> ({props.propertyCount} properties). {some} on it{" "}
            {props.reusedCount === 1 ? "was" : "were"} scored for this address in the last {props.days} days. Open the list from the
            button below and {props.reusedCount === 1 ? "that result is" : "those results are"} included free: you pay only for the rest.
          </Text>
          <Button href={props.reviewUrl} style={{ backgroundColor: "#166534", color: "#ffffff", padding: "12px 20px", borderRadius: "6px" }}>
            Review with {some} free
          </Button>
          <Hr />
          <Text style={{ fontSize: "12px", color: "#57534e" }}>
            Only this link includes your earlier scores, so do not forward it. It works for {props.linkExpiresInDays} days. If you did not
            upload this list, ignore this email: nothing is shared unless someone pays from this link.
          </Text>
        </Container>
      </Body>
    </Html>
  );
}
