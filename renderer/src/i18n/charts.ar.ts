import type chartsEn from './charts.en.ts';
import type { DeepStringMap } from './types.ts';

const chartsAr: DeepStringMap<typeof chartsEn> = {
  expiry: {
    title: 'ما تنتهي صلاحيته خلال الأيام الـ{{days}} القادمة',
    summary: 'خلال الأيام الـ{{days}} القادمة: {{list}}.',
    none: 'لا شيء تنتهي صلاحيته خلال الأيام الـ{{days}} القادمة.',
    caCertificates: 'شهادات المرجع المصدق',
    partnerCertificates: 'شهادات الشركاء',
    sbis: 'واجهات SBI',
    ftmChips: 'شرائح FTM',
    apiKeys: 'مفاتيح API',
  },
  activity: {
    title: 'النشاط خلال الأيام الـ{{days}} الماضية',
    summary: '{{success}} إجراء ناجح و{{failure}} إجراء مرفوض خلال الأيام الـ{{days}} الماضية.',
    success: 'ناجحة',
    failure: 'مرفوضة',
  },
  showTable: 'عرض كجدول',
  day: 'اليوم',
};

export default chartsAr;
