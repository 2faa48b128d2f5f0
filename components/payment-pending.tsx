"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { z } from "zod";

const progressStatus = z.object({ status: z.string() });

/** Shown after Stripe redirects back and before its webhook has marked the campaign paid. */
export function PaymentPending({ campaignId, token }: { campaignId: string; token: string }) {
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
      Payment received by Stripe. Waiting for Stripe&apos;s confirmation to start scoring; this page updates by itself.
    </div>
  );
}
