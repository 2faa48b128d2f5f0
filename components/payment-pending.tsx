"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { z } from "zod";

const progressStatus = z.object({ status: z.string() });

/**
 * Shown after Stripe redirects back and before the payment has marked the campaign paid: while
 * Stripe still processes it, or while Stripe could not be asked and its webhook has not arrived.
 */
export function PaymentPending({ campaignId, token, processing }: { campaignId: string; token: string; processing: boolean }) {
  const router = useRouter();

  useEffect(() => {
    const timer = setInterval(async () => {
      const response = await fetch(`/api/campaigns/${campaignId}/progress?t=${encodeURIComponent(token)}`, { cache: "no-store" });
      if (!response.ok) return;

      const { status } = progressStatus.parse(await response.json());
      if (status !== "draft" && status !== "awaiting_payment") router.refresh();
    }, 1500);
    return () => clearInterval(timer);
  }, [campaignId, token, router]);

  return (
    <div className="notice" role="status">
      {processing
        ? "Stripe is still processing your payment. Scoring starts as soon as Stripe confirms it; this page updates by itself."
        : "Back from Stripe. Waiting for Stripe's confirmation of the payment to start scoring; this page updates by itself."}
    </div>
  );
}
