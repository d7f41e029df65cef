import type { Metadata } from "next";
import "./globals.css";

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
