/** One email accepted by the emulated Resend API. */
export interface SentMail {
  id: string;
  from: string;
  to: string[];
  cc: string[] | null;
  bcc: string[] | null;
  replyTo: string[] | null;
  subject: string;
  html: string | null;
  text: string | null;
  headers: Record<string, string> | null;
  tags: Array<{ name: string; value: string }> | null;
  /** ISO 8601 time the API accepted the email. */
  createdAt: string;
}

/** Emails sent through the emulator, in the order they were accepted. */
export class SentMailStore {
  private readonly mails = new Map<string, SentMail>();

  add(mail: SentMail): void {
    this.mails.set(mail.id, mail);
  }

  get(id: string): SentMail | undefined {
    return this.mails.get(id);
  }

  /** Returns every email, newest first. */
  list(): SentMail[] {
    return [...this.mails.values()].reverse();
  }

  reset(): void {
    this.mails.clear();
  }
}
