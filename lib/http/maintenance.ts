import { formatDuration } from "@/lib/http/format-duration";

export type PausedAction = "upload" | "checkout";

const pausedWhat: Record<PausedAction, string> = {
  upload: "New uploads are paused",
  checkout: "New payments are paused",
};

/** True when the client asked for a web page (a browser navigation or form post), not data. */
export function wantsHtml(accept: string | null): boolean {
  return /\btext\/html\b/i.test(accept ?? "");
}

/** Builds the customer-facing sentence for a paused action, shared by the JSON error and the pages. */
export function maintenanceMessage(action: PausedAction, retryAfterSeconds: number): string {
  return (
    `Curbscore is under maintenance. ${pausedWhat[action]} for about ${formatDuration(retryAfterSeconds)}; please try again then. ` +
    "Campaigns you already paid for keep running, and their results email arrives as usual."
  );
}

/**
 * Builds the 503 response while MAINTENANCE_MODE is on: a friendly page for a browser, the usual
 * JSON error for everything else, both with Retry-After.
 */
export function maintenanceResponse(request: Request, action: PausedAction, retryAfterSeconds: number): Response {
  const headers = { "retry-after": String(retryAfterSeconds), "cache-control": "no-store" };
  const message = maintenanceMessage(action, retryAfterSeconds);
  if (wantsHtml(request.headers.get("accept"))) {
    return new Response(maintenancePage(message), { status: 503, headers: { ...headers, "content-type": "text/html; charset=utf-8" } });
  }
  return Response.json({ error: { code: "maintenance", message, details: { retryAfterSeconds } } }, { status: 503, headers });
}

/** Renders a self-contained page (no scripts, inline styles), so it shows whatever else is paused. */
function maintenancePage(message: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Curbscore is under maintenance</title>
<style>
  body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: #1c1917; background: #fafaf9; }
  header { border-bottom: 1px solid #e7e5e4; background: #fff; padding: 14px 20px; font-weight: 700; font-size: 20px; }
  main { max-width: 640px; margin: 48px auto; padding: 0 20px; }
  .card { background: #fff; border: 1px solid #e7e5e4; border-radius: 8px; padding: 24px; }
  h1 { margin-top: 0; font-size: 24px; }
  p { line-height: 1.5; }
  .hint { color: #57534e; font-size: 14px; }
</style>
</head>
<body>
<header>Curbscore</header>
<main>
  <div class="card" role="status">
    <h1>We&rsquo;ll be right back</h1>
    <p>${escapeHtml(message)}</p>
    <p class="hint">Your results links keep working: open a campaign from the page you paid from or the link in your email.</p>
  </div>
</main>
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
