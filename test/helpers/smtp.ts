import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { selfSignedServerTls } from './tls.ts';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

export interface SmtpOptions {
  /** Offer STARTTLS with a self-signed certificate (default). Off: a plaintext-only server. */
  starttls?: boolean;
  /** While this answers true, every mail is refused after its data (a server that is failing). */
  refuse?: () => boolean;
}

/**
 * A real SMTP server on loopback that keeps what it receives and every AUTH attempt it saw.
 * It accepts AUTH over plaintext too, as a hostile or misconfigured server would.
 */
export async function startSmtp(options: SmtpOptions = {}): Promise<{
  port: number;
  mails: ReceivedMail[];
  logins: Array<{ user: string; pass: string; secure: boolean }>;
  waitForMail: (n?: number, ms?: number) => Promise<ReceivedMail>;
  close: () => Promise<void>;
}> {
  const starttls = options.starttls ?? true;
  const mails: ReceivedMail[] = [];
  const logins: Array<{ user: string; pass: string; secure: boolean }> = [];
  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    ...(starttls ? await selfSignedServerTls() : { disabledCommands: ['STARTTLS'] }),
    logger: false,
    // A mailer's idle pooled connection would otherwise hold close() for smtp-server's default 30 s.
    closeTimeout: 500,
    onAuth(auth, session, callback) {
      logins.push({ user: auth.username ?? '', pass: auth.password ?? '', secure: session.secure });
      callback(null, { user: auth.username ?? '' });
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (options.refuse?.()) {
          callback(Object.assign(new Error('Mailbox temporarily unavailable'), { responseCode: 451 }));
          return;
        }
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    mails,
    logins,
    async waitForMail(n = 1, ms = 5000) {
      const start = Date.now();
      while (mails.length < n) {
        if (Date.now() - start > ms) throw new Error(`no mail #${n} within ${ms} ms`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return mails[n - 1]!;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Undoes quoted-printable soft breaks and escapes so links can be read out of a raw mail. */
export function decodeQuotedPrintable(raw: string): string {
  return raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}

export function resetTokenFrom(raw: string): string {
  const m = /reset-password\?token=([A-Za-z0-9_-]+)/.exec(decodeQuotedPrintable(raw));
  if (!m?.[1]) throw new Error('no reset link in mail');
  return m[1];
}
