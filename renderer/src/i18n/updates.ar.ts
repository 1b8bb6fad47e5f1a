import type updatesEn from './updates.en.ts';
import type { DeepStringMap } from './types.ts';

const updatesAr: DeepStringMap<typeof updatesEn> = {
  banner: {
    available: 'الإصدار {{version}} من Partner Desk متاح (لديك {{running}}).',
    notes: 'ما الجديد',
    download: 'تنزيل',
    downloading: 'جارٍ تنزيل {{version}}: {{percent}} %',
    cancel: 'إلغاء التنزيل',
    downloaded:
      'الإصدار {{version}} من Partner Desk جاهز. إعادة التشغيل ترسل أولًا قائمة المزامنة (أو توقفها مؤقتًا) ثم تثبّته.',
    restart: 'إعادة التشغيل للتثبيت',
    installing: 'جارٍ تثبيت التحديث…',
    refused: 'رُفض التحديث: {{message}}',
    dismiss: 'لاحقًا',
  },
  desk: {
    title: 'التحديثات على هذا المكتب',
    running: 'الإصدار الحالي',
    channel: 'القناة',
    web: 'تثبّت التحديثات بواسطة تطبيق سطح المكتب. هذه الصفحة يقدّمها الخادم وتعرض دائمًا إصداره.',
    checkNow: 'البحث عن تحديثات',
    checking: 'جارٍ البحث…',
    upToDate: 'لا يوجد تحديث معروض لهذا المكتب.',
    lastCheck: 'آخر بحث: {{time}}',
  },
  admin: {
    title: 'تحديثات سطح المكتب',
    description:
      'الإصدارات المنشورة بالأمر «npm run cli -- release publish». تنزّلها المكاتب من هذا الخادم ولا تثبّت إلا ما وُقّع بمفتاح الإصدارات أدناه.',
    channel: 'القناة',
    channels: { stable: 'مستقرة', beta: 'تجريبية' },
    policy: 'ما تفعله المكاتب بالتحديث',
    policies: {
      automatic: 'التنزيل تلقائيًا ثم اقتراح إعادة التشغيل',
      ask: 'سؤال المستخدم',
      never: 'لا شيء (التحديثات متوقفة)',
    },
    pinned: 'الإصدار المثبّت',
    pinnedHint: 'تنتقل مكاتب هذه القناة إلى هذا الإصدار تحديدًا، أقدم كان أو أحدث. فارغ: أحدث إصدار منشور.',
    notPinned: 'الأحدث',
    save: 'حفظ',
    saving: 'جارٍ الحفظ…',
    saved: 'حُفظ ووُقّع من جديد: تراه المكاتب عند بحثها التالي.',
    releaseKey: 'المفتاح العام للإصدارات (updates.releaseKey في config.json على كل مكتب)',
    noKey: 'لم يُنشر أي إصدار بعد: يُنشأ المفتاح مع أول إصدار.',
    releases: 'الإصدارات المنشورة',
    noReleases: 'لا يوجد إصدار منشور على هذه القناة.',
    cols: {
      version: 'الإصدار',
      platform: 'ملف المنصة',
      rollout: 'نسبة النشر',
      served: 'مُقدَّم',
      published: 'تاريخ النشر',
    },
    servedYes: 'مُقدَّم',
    servedNo: '—',
    rolloutPercent: '{{percent}} %',
  },
};
export default updatesAr;
