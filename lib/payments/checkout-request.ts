import { z } from "zod";

const invalidLinkMessage = "This page's link is missing or damaged. Open the campaign again from the link Curbscore gave you.";

/** The body of `POST /api/campaigns/:id/checkout`, with messages written for the customer. */
export const checkoutRequestSchema = z.object({
  token: z.string(invalidLinkMessage).min(1, invalidLinkMessage).max(1000, invalidLinkMessage),
  email: z
    .string("Enter the email address for your results, such as you@example.com.")
    .trim()
    .max(254, "The email address is longer than 254 characters. Enter a shorter one.")
    .pipe(
      z.email({
        error: (issue) =>
          typeof issue.input === "string" && issue.input !== ""
            ? `"${issue.input}" is not a valid email address. Enter one such as you@example.com.`
            : "Enter the email address for your results, such as you@example.com.",
      }),
    ),
});
