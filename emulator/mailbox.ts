import type { ServerResponse } from "node:http";

import { escapeHtml, renderPage } from "./html";
import { sendHtml, sendJson, type Route, type RouteRequest } from "./http";
import type { SentMail, SentMailStore } from "./sent-mail";

/** Pages that show the emails sent through the emulated Resend API, and their JSON form for tests. */
export function mailboxRoutes(mailStore: SentMailStore): Route[] {
  return [
    { method: "GET", pattern: /^\/mailbox\/?$/, handler: (_request, response) => showMailbox(mailStore, response) },
    { method: "GET", pattern: /^\/mailbox\/(?<id>[^/]+)$/, handler: (request, response) => showEmail(mailStore, request, response) },
    { method: "GET", pattern: /^\/_emulator\/mailbox$/, handler: (_request, response) => sendJson(response, 200, { emails: mailStore.list() }) },
  ];
}

function showMailbox(mailStore: SentMailStore, response: ServerResponse): void {
  const mails = mailStore.list();
  const rows = mails
    .map(
      (mail) =>
        `<tr><td><time datetime="${mail.createdAt}">${escapeHtml(mail.createdAt.replace("T", " ").slice(0, 19))}</time></td>` +
        `<td>${escapeHtml(mail.to.join(", "))}</td>` +
        `<td><a href="/mailbox/${encodeURIComponent(mail.id)}">${escapeHtml(mail.subject)}</a></td></tr>`,
    )
    .join("\n");

  const body =
    mails.length === 0
      ? "<p>No email has been sent yet.</p>"
      : `<table><thead><tr><th>Sent (UTC)</th><th>To</th><th>Subject</th></tr></thead><tbody>\n${rows}\n</tbody></table>`;
  sendHtml(response, 200, renderPage("Mailbox", `<p><a href="/">Emulator home</a></p><h1>Mailbox</h1>\n${body}`));
}

/**
 * Shows the email's own HTML with a small header of sender, recipients and subject inserted at
 * the top of its body, so links in the email work as they would in a mail client.
 */
function showEmail(mailStore: SentMailStore, request: RouteRequest, response: ServerResponse): void {
  const mail = mailStore.get(request.params.id ?? "");
  if (!mail) {
    sendHtml(response, 404, renderPage("Email not found", `<h1>Email not found</h1><p><a href="/mailbox">Back to the mailbox</a></p>`));
    return;
  }

  const header = renderHeader(mail);
  if (!mail.html) {
    sendHtml(response, 200, renderPage(mail.subject, `${header}<pre>${escapeHtml(mail.text ?? "")}</pre>`));
    return;
  }

  const bodyTag = /<body[^>]*>/i.exec(mail.html);
  const page = bodyTag
    ? `${mail.html.slice(0, bodyTag.index + bodyTag[0].length)}${header}${mail.html.slice(bodyTag.index + bodyTag[0].length)}`
    : `${header}${mail.html}`;
  sendHtml(response, 200, page);
}

function renderHeader(mail: SentMail): string {
  const style = "font-family:system-ui,sans-serif;font-size:14px;background:#f6f8fa;border-bottom:1px solid #d0d7de;padding:8px 12px;margin:0 0 12px";
  return (
    `<div data-emulator-mail-header style="${style}">` +
    `<a href="/mailbox">Back to the mailbox</a><br>` +
    `<strong>From:</strong> ${escapeHtml(mail.from)}<br>` +
    `<strong>To:</strong> ${escapeHtml(mail.to.join(", "))}<br>` +
    `<strong>Subject:</strong> ${escapeHtml(mail.subject)}<br>` +
    `<strong>Sent:</strong> ${escapeHtml(mail.createdAt)}</div>`
  );
}
