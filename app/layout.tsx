import type { Metadata } from "next";
import "./globals.css";

// Every page renders per request, the not-found page included: the Content-Security-Policy
// (proxy.ts) carries a fresh nonce that Next.js must stamp on each page's scripts, and a
// page prerendered at build time would have none, so its scripts would be blocked.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Customer Sentiment Analyzer", template: "%s · Customer Sentiment Analyzer" },
  description: "Sentiment and emotion of every customer request, for call-centre teams.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen">{children}</body>
    </html>
  );
}
