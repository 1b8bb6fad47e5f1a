import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { Config } from '../config.ts';
import { isLoopbackHost } from '../config.ts';
import { ensurePrivateDir, writePrivateFile } from '../../../lib/private-files.ts';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  readonly mode: 'smtp' | 'outbox';
  send(message: MailMessage): Promise<void>;
}

/**
 * SMTP when `smtp` is configured; otherwise each mail is written as an .eml file into the
 * data directory's outbox folder so an offline desk can still hand a reset link over.
 */
export function createMailer(config: Config, outboxDir: string): Mailer {
  const smtp = config.smtp;
  if (smtp) {
    const transport = nodemailer.createTransport({
      host: smtp.host,
      port: smtp.port,
      secure: smtp.secure,
      // Without implicit TLS, STARTTLS is mandatory: a server (or a man in the middle) that offers
      // none gets neither the password nor the mail.
      requireTLS: !smtp.secure,
      auth: smtp.user ? { user: smtp.user, pass: smtp.pass ?? '' } : undefined,
      // parseConfig refuses allowSelfSigned for anything but a loopback host; checked again here.
      tls:
        smtp.allowSelfSigned && isLoopbackHost(smtp.host)
          ? { rejectUnauthorized: false }
          : { rejectUnauthorized: true },
    });
    return {
      mode: 'smtp',
      async send(message) {
        await transport.sendMail({
          from: smtp.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
        });
      },
    };
  }
  const streamer = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: 'unix',
  });
  return {
    mode: 'outbox',
    async send(message) {
      const info = await streamer.sendMail({
        from: 'Partner Desk <no-reply@partner-desk.local>',
        to: message.to,
        subject: message.subject,
        text: message.text,
      });
      ensurePrivateDir(outboxDir);
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      writePrivateFile(
        join(outboxDir, `${stamp}-${info.messageId.replace(/[^a-zA-Z0-9]/g, '')}.eml`),
        info.message as Buffer,
      );
    },
  };
}
