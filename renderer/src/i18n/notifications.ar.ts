import type { DeepStringMap } from './types.ts';
import type notificationsEn from './notifications.en.ts';

const notificationsAr: DeepStringMap<typeof notificationsEn> = {
  bell: 'الإشعارات',
  bellUnread: 'الإشعارات، غير المقروءة: {{count}}',
  panelTitle: 'أحدث الإشعارات',
  panelEmpty: 'لا توجد إشعارات نشطة.',
  viewAll: 'عرض كل الإشعارات',
  dismiss: 'تجاهل',
  dismissLabel: 'تجاهل: {{what}}',
  title: 'الإشعارات',
  description:
    'ما تنتهي صلاحيته قريبًا، كما تعلن عنه MOSIP: قبل 30 و15 يومًا، ثم كل يوم من 10 أيام حتى يوم الانتهاء. تُحفظ الإشعارات 60 يومًا.',
  empty: 'لا توجد إشعارات مطابقة.',
  columns: {
    created: 'تاريخ الاستلام',
    type: 'النوع',
    item: 'ما تنتهي صلاحيته',
    expires: 'تاريخ الانتهاء',
    status: 'الحالة',
    actions: 'الإجراءات',
  },
  type: {
    ROOT_CERT_EXPIRY: 'شهادة جهة تصديق جذرية',
    INTERMEDIATE_CERT_EXPIRY: 'شهادة جهة تصديق وسيطة',
    PARTNER_CERT_EXPIRY: 'شهادة الشريك',
    FTM_CHIP_CERT_EXPIRY: 'شهادة شريحة FTM',
    SBI_EXPIRY: 'واجهة SBI',
    API_KEY_EXPIRY: 'مفتاح API',
    WEEKLY_SUMMARY: 'الملخص الأسبوعي',
  },
  status: { ACTIVE: 'نشط', DISMISSED: 'متجاهَل' },
  what: {
    ROOT_CERT_EXPIRY: 'شهادة جهة التصديق الجذرية «{{name}}» ({{domain}})',
    INTERMEDIATE_CERT_EXPIRY: 'شهادة جهة التصديق الوسيطة «{{name}}» ({{domain}})',
    PARTNER_CERT_EXPIRY: 'شهادة الشريك {{partner}} ({{domain}})',
    FTM_CHIP_CERT_EXPIRY: 'شهادة شريحة FTM {{name}} للشريك {{partner}}',
    SBI_EXPIRY: 'واجهة SBI {{name}} للشريك {{partner}}',
    API_KEY_EXPIRY: 'مفتاح API «{{name}}» للشريك {{partner}}',
  },
  expiresOn: 'تنتهي صلاحية {{what}} في {{date}}.',
  expiresToday: 'تنتهي صلاحية {{what}} اليوم.',
  weekly:
    'تنتهي خلال الأيام السبعة القادمة: شهادات الشركاء {{certs}}، شهادات شرائح FTM {{ftm}}، واجهات SBI {{sbis}}، مفاتيح API {{keys}}.',
  weeklyNone: 'لا شيء تنتهي صلاحيته خلال الأيام السبعة القادمة.',
  renew: {
    ROOT_CERT_EXPIRY: 'فتح الشهادة',
    INTERMEDIATE_CERT_EXPIRY: 'فتح الشهادة',
    PARTNER_CERT_EXPIRY: 'إعادة رفع الشهادة',
    FTM_CHIP_CERT_EXPIRY: 'إعادة رفع شهادة الشريحة',
    SBI_EXPIRY: 'فتح واجهة SBI',
    API_KEY_EXPIRY: 'تجديد مفتاح API',
  },
  filters: {
    type: 'النوع',
    status: 'الحالة',
    itemName: 'يحتوي الاسم على',
    expiryDate: 'تاريخ الانتهاء',
  },
  mail: {
    title: 'إرسال البريد الإلكتروني',
    summary: 'في الانتظار: {{pending}} · إعادة المحاولة: {{retrying}} · أُرسلت: {{sent}}',
    failing: '{{type}}: {{attempts}} محاولات، التالية في {{next}} — {{error}}',
    retry: 'أعد المحاولة الآن',
    retried: 'أُرسلت: {{sent}}، فشلت: {{failed}}.',
  },
};

export default notificationsAr;
