import type { Language } from '../../contract/index.ts';

/** Mail texts in the user's registration language (stored on the user at sign-up). */
const RESET: Record<Language, { subject: string; body: (name: string, link: string, minutes: number) => string }> = {
  en: {
    subject: 'Partner Desk: reset your password',
    body: (name, link, minutes) =>
      `Hello ${name},\n\nSomeone asked to reset the password of your Partner Desk account. Open this link within ${minutes} minutes to choose a new one:\n\n${link}\n\nThe link works once. If you did not ask for this, ignore this message; your password stays as it is.\n`,
  },
  fr: {
    subject: 'Partner Desk : réinitialisez votre mot de passe',
    body: (name, link, minutes) =>
      `Bonjour ${name},\n\nUne réinitialisation du mot de passe de votre compte Partner Desk a été demandée. Ouvrez ce lien dans les ${minutes} minutes pour en choisir un nouveau :\n\n${link}\n\nLe lien ne fonctionne qu'une fois. Si vous n'êtes pas à l'origine de cette demande, ignorez ce message ; votre mot de passe reste inchangé.\n`,
  },
  ar: {
    subject: 'Partner Desk: إعادة تعيين كلمة المرور',
    body: (name, link, minutes) =>
      `مرحبًا ${name}،\n\nطُلبت إعادة تعيين كلمة مرور حسابك في Partner Desk. افتح هذا الرابط خلال ${minutes} دقيقة لاختيار كلمة مرور جديدة:\n\n${link}\n\nيعمل الرابط مرة واحدة فقط. إذا لم تطلب ذلك فتجاهل هذه الرسالة، وستبقى كلمة مرورك كما هي.\n`,
  },
};

export function passwordResetMail(
  lang: Language,
  name: string,
  link: string,
  minutes: number,
): { subject: string; text: string } {
  const t = RESET[lang];
  return { subject: t.subject, text: t.body(name, link, minutes) };
}
