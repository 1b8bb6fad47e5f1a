import type shellEn from './shell.en.ts';
import type { DeepStringMap } from './types.ts';

const shellAr: DeepStringMap<typeof shellEn> = {
  navGroups: {
    partners: 'الشركاء والسياسات',
    devices: 'الأجهزة',
    system: 'النظام',
  },
  partnerCards: {
    policies: 'اطلب السياسات التي يحتاجها معرّف الشريك وتابع الموافقة عليها',
    authServices: 'أنشئ مفاتيح API وسجّل عملاء OIDC ضمن سياساتك المعتمدة',
    sbiDevice: 'أضف واجهاتك البيومترية الآمنة وأجهزتها وتابع الموافقة عليها',
    ftmChip: 'أضف شرائح FTM وارفع شهاداتها',
    partnerCertificate: 'ارفع شهادة الشريك ونزّل النسخة الموقّعة من MOSIP',
  },
  hardwareCard: {
    title: 'الأجهزة والعتاد',
    description: 'اكتشف الأجهزة المتصلة وسجّلها بما تعلنه عن نفسها وشغّل البث ومنصة اختبار المطابقة',
  },
};

export default shellAr;
