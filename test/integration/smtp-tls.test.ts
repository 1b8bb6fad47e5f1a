import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../main/core/config.ts';
import { createMailer } from '../../main/core/mail/mailer.ts';
import { startSmtp } from '../helpers/smtp.ts';

const dirs: string[] = [];
const outbox = () => {
  const d = mkdtempSync(join(tmpdir(), 'pd-smtp-'));
  dirs.push(d);
  return join(d, 'mail-outbox');
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const MAIL = { to: 'pat@org.example', subject: 'Reset', text: 'a secret reset link' };
const SECRET = 'Smtp-Pass-Do-Not-Leak';

describe('SMTP is never downgraded to plaintext', () => {
  it('refuses a server that offers no STARTTLS: it sees neither the password nor the mail', async () => {
    const smtp = await startSmtp({ starttls: false });
    try {
      const dir = outbox();
      const mailer = createMailer(
        parseConfig({ smtp: { host: '127.0.0.1', port: smtp.port, user: 'desk', pass: SECRET } }),
        dir,
      );
      await expect(mailer.send(MAIL)).rejects.toThrow(/STARTTLS/i);
      expect(smtp.logins).toEqual([]);
      expect(smtp.mails).toEqual([]);
      // nothing fell back to the outbox either
      expect(() => readdirSync(dir)).toThrow();
    } finally {
      await smtp.close();
    }
  });

  it('sends through STARTTLS, and the password only travels inside TLS', async () => {
    const smtp = await startSmtp();
    try {
      const mailer = createMailer(
        parseConfig({
          smtp: {
            host: '127.0.0.1',
            port: smtp.port,
            user: 'desk',
            pass: SECRET,
            allowSelfSigned: true,
          },
        }),
        outbox(),
      );
      await mailer.send(MAIL);
      expect(smtp.logins).toEqual([{ user: 'desk', pass: SECRET, secure: true }]);
      expect((await smtp.waitForMail()).to).toEqual(['pat@org.example']);
    } finally {
      await smtp.close();
    }
  });

  it('refuses a self-signed certificate unless allowed, and allows it only for loopback hosts', async () => {
    const smtp = await startSmtp();
    try {
      const mailer = createMailer(
        parseConfig({ smtp: { host: '127.0.0.1', port: smtp.port, user: 'desk', pass: SECRET } }),
        outbox(),
      );
      await expect(mailer.send(MAIL)).rejects.toThrow(/self.signed|certificate/i);
      expect(smtp.logins).toEqual([]);
      expect(smtp.mails).toEqual([]);
    } finally {
      await smtp.close();
    }
    for (const host of ['smtp.example.org', '10.0.0.5', '127.example.org', 'localhost.example.org']) {
      expect(() => parseConfig({ smtp: { host, port: 587, allowSelfSigned: true } })).toThrow(ConfigError);
      expect(() => parseConfig({ smtp: { host, port: 587, allowSelfSigned: true } })).toThrow(/smtp.allowSelfSigned/);
    }
    for (const host of ['127.0.0.1', 'localhost', '::1', '[::1]'])
      expect(parseConfig({ smtp: { host, port: 25, allowSelfSigned: true } }).smtp?.allowSelfSigned).toBe(true);
  });
});
