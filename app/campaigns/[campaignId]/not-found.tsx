import Link from "next/link";

export default function CampaignNotFound() {
  return (
    <div className="card">
      <h1>Campaign not found</h1>
      <p>
        This link is invalid or has expired. Open the campaign from the most recent email Curbscore sent you, or from the page you
        paid from.
      </p>
      <p>
        <Link href="/">Upload a new list</Link>
      </p>
    </div>
  );
}
