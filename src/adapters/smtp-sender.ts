import nodemailer from 'nodemailer';

/** Sends through the SMTP server named by an smtp:// or smtps:// URL (credentials in the URL). */
export function smtpSender(smtpUrl: string, from: string) {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(email: { to: string; subject: string; text: string }) {
      await transport.sendMail({ from, to: email.to, subject: email.subject, text: email.text });
    },
  };
}
