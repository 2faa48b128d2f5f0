import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { getConfig } from "@/lib/config";
import "./globals.css";

export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Curbscore — find distressed houses on your list",
  description: "Scores visible distress of every house on your address list from Street View imagery.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  const { usesLocalProviders } = getConfig();

  return (
    <html lang="en">
      <body>
        {usesLocalProviders && (
          <div className="banner" role="status">
            Test mode: geocoding, Street View, Gemini, payments and email go to the local provider emulator. No real card is charged
            and no real email is sent.
          </div>
        )}
        <header className="site">
          <div className="inner">
            <Link href="/" className="brand">
              Curbscore
            </Link>
            <span className="tagline">Distress scores for every house on your list, from the curb.</span>
          </div>
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}
