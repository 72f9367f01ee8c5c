import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: "Photogenic",
  description: "Human evaluation of text-to-image models",
  referrer: "no-referrer",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen">{children}</body>
    </html>
  );
}
