import type { ServerResponse } from "node:http";

import type { EmulatorContext } from "./context";
import { escapeHtml, formatMoney, renderPage } from "./html";
import { redirect, sendHtml, sendJson, type Route, type RouteRequest } from "./http";
import type { CheckoutSession } from "./stripe-objects";
import { payCheckoutSession, readSession, redeliverEvent } from "./stripe-payment";
import type { StoredSession, StripeStore } from "./stripe-store";

/**
 * Returns the routes of the hosted test checkout page that a session's `url` points at, and of
 * the test helpers that pay a session or redeliver an event without a browser.
 */
export function stripeCheckoutRoutes(context: EmulatorContext, store: StripeStore): Route[] {
  return [
    {
      method: "GET",
      pattern: /^\/checkout\/pay\/(?<id>[^/]+)$/,
      handler: (request, response) => showCheckoutPage(context, store, request, response),
    },
    {
      method: "POST",
      pattern: /^\/checkout\/pay\/(?<id>[^/]+)$/,
      handler: (request, response) => payFromPage(context, store, request, response),
    },
    {
      method: "POST",
      pattern: /^\/_emulator\/stripe\/sessions\/(?<id>[^/]+)\/pay$/,
      handler: (request, response) => payFromTest(context, store, request, response),
    },
    {
      method: "POST",
      pattern: /^\/_emulator\/stripe\/events\/(?<id>[^/]+)\/redeliver$/,
      handler: (request, response) => redeliverFromTest(context, store, request, response),
    },
    {
      method: "GET",
      pattern: /^\/_emulator\/stripe\/events$/,
      handler: (_request, response) => sendJson(response, 200, { events: [...store.events.values()] }),
    },
  ];
}

function showCheckoutPage(context: EmulatorContext, store: StripeStore, request: RouteRequest, response: ServerResponse): void {
  const stored = readSession(context, store, request.params.id ?? "");
  if (!stored) {
    sendHtml(response, 404, renderPage("Checkout not found", `<h1>Checkout not found</h1><p>No checkout session has the id <code>${escapeHtml(request.params.id ?? "")}</code>.</p>`));
    return;
  }

  sendHtml(response, 200, renderCheckoutPage(stored));
}

async function payFromPage(context: EmulatorContext, store: StripeStore, request: RouteRequest, response: ServerResponse): Promise<void> {
  const result = await payCheckoutSession(context, store, request.params.id ?? "");

  switch (result.kind) {
    case "not-found":
      sendHtml(response, 404, renderPage("Checkout not found", "<h1>Checkout not found</h1><p>This checkout session does not exist.</p>"));
      return;
    case "expired":
      sendHtml(response, 400, renderPage("Checkout expired", "<h1>This checkout session has expired</h1><p>Return to Curbscore and start the payment again.</p>"));
      return;
    case "already-paid":
    case "paid":
      redirect(response, successLocation(result.session));
      return;
  }
}

async function payFromTest(context: EmulatorContext, store: StripeStore, request: RouteRequest, response: ServerResponse): Promise<void> {
  const result = await payCheckoutSession(context, store, request.params.id ?? "");

  switch (result.kind) {
    case "not-found":
      sendJson(response, 404, { error: `No checkout session has the id '${request.params.id}'.` });
      return;
    case "expired":
      sendJson(response, 409, { error: `Checkout session '${result.session.id}' has expired and cannot be paid.` });
      return;
    case "already-paid":
      sendJson(response, 200, {
        sessionId: result.session.id,
        eventId: result.eventId,
        alreadyPaid: true,
        redirectUrl: successLocation(result.session),
      });
      return;
    case "paid":
      sendJson(response, 200, {
        sessionId: result.session.id,
        eventId: result.eventId,
        alreadyPaid: false,
        delivery: result.delivery,
        redirectUrl: successLocation(result.session),
      });
      return;
  }
}

async function redeliverFromTest(context: EmulatorContext, store: StripeStore, request: RouteRequest, response: ServerResponse): Promise<void> {
  const delivery = await redeliverEvent(context, store, request.params.id ?? "");
  if (!delivery) {
    sendJson(response, 404, { error: `No event has the id '${request.params.id}'.` });
    return;
  }
  sendJson(response, 200, { eventId: delivery.eventId, delivery });
}

/** Returns the success URL with `{CHECKOUT_SESSION_ID}` filled in, or the page itself without one. */
function successLocation(session: CheckoutSession): string {
  return session.success_url ? session.success_url.replaceAll("{CHECKOUT_SESSION_ID}", session.id) : `/checkout/pay/${session.id}`;
}

function renderCheckoutPage(stored: StoredSession): string {
  const { session, lineItems } = stored;
  const total = formatMoney(session.amount_total, session.currency);
  const rows = lineItems
    .map((item) => `<tr><td>${escapeHtml(item.description)}</td><td>${item.quantity}</td><td>${escapeHtml(formatMoney(item.amount_total, item.currency))}</td></tr>`)
    .join("\n");

  const action =
    session.status === "open"
      ? `<form method="post" action="/checkout/pay/${encodeURIComponent(session.id)}"><button type="submit">Pay</button></form>`
      : session.status === "complete"
        ? `<p role="status">This checkout session is paid.${session.success_url ? ` <a href="${escapeHtml(successLocation(session))}">Return to Curbscore</a>` : ""}</p>`
        : `<p role="status">This checkout session has expired.</p>`;
  const cancel = session.cancel_url && session.status === "open" ? `<p><a href="${escapeHtml(session.cancel_url)}">Cancel</a></p>` : "";

  return renderPage(
    `Pay Curbscore (test mode)`,
    `<p class="badge">Test mode: the Curbscore provider emulator, no real payment</p>
<h1>Curbscore (test mode)</h1>
<section aria-label="Order summary">
<p class="total">${escapeHtml(total)}</p>
<table>
<thead><tr><th>Item</th><th>Quantity</th><th>Amount</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<p>Email: ${escapeHtml(session.customer_email ?? "not given")}</p>
</section>
${action}
${cancel}`,
  );
}
