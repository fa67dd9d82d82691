# خطتي – العربية.

## العناوين والكلمات الثابتة
my-plan = خطتي (Min plan)
my-plan-for = خطة { $name }
intro = هذه خطتك: أهدافك، وما ستقوم به، ومتى، ومن يمكنك أن تسأل.
no-plan = لا توجد خطة بعد. سيُعدّ موظف الحالة الخطة معك.
plan-version = إصدار الخطة: { $version }
printed-on = التاريخ: { $date }
municipality = { $name }
language = اللغة
choose-language = اختر اللغة
show = عرض
download-pdf = تنزيل PDF
goals = أهدافي
goal-for-family = هدف للعائلة كلها
no-goals = لا توجد أهداف في الخطة بعد.
actions = ما سأقوم به
no-actions = لا توجد أنشطة بعد.
for-family = للعائلة كلها
department = أين
responsible = الشخص الذي تتواصل معه
period = الفترة
period-from = من { $from }
period-from-to = من { $from } إلى { $to }
times = متى
weekly-hours = { $hours ->
    [zero] { $hours } ساعة في الأسبوع
    [one] ساعة واحدة في الأسبوع
    [two] ساعتان في الأسبوع
    [few] { $hours } ساعات في الأسبوع
   *[other] { $hours } ساعة في الأسبوع
}
slot = { $weekday } من { $from } إلى { $to }
status = الحالة
appointments = مواعيدي القادمة
appointment = { $weekday } { $date }، من { $from } إلى { $to }
no-appointments = لا توجد مواعيد ثابتة في الأسبوعين القادمين.
contacts = الأشخاص الذين أتواصل معهم
coordinator = منسق العائلة
no-contacts = سيخبرك موظف الحالة بمن يمكنك التواصل معه.
deadlines = تواريخ مهمة
deadline-due = في موعد أقصاه { $date }
no-deadlines = لا توجد تواريخ مهمة الآن.
in-danish = بالدنماركية
staff-text-note = النصوص التي كتبها الموظفون معروضة كما كُتبت، باللغة الدنماركية.
footer = إذا كانت لديك أسئلة عن الخطة، فتواصل مع موظف الحالة.
read-button = لقد قرأت خطتي
read-done = لقد قرأت هذا الإصدار من الخطة ({ $date }).
read-thanks = شكرًا. سجّلنا أنك قرأت الخطة.
my-plans = خططي
my-children = أطفالي
children-note = يمكنك رؤية خطط أطفالك الذين تقل أعمارهم عن 18 سنة.
log-out = تسجيل الخروج
back = رجوع

## حالة النشاط
status-planned = مخطط له
status-active = جارٍ
status-done = انتهى
status-cancelled = أُلغي

## مجالات الحياة
area-sprog = اللغة
area-uddannelse = التعليم
area-beskaeftigelse = العمل
area-helbred = الصحة
area-boern_og_skole = الأطفال والمدرسة
area-bolig = السكن
area-oekonomi = المال
area-faellesskab_og_fritid = المجتمع ووقت الفراغ

## الإدارات
dept-jobcenter = مركز العمل (Jobcenter)
dept-born_og_familie = الأطفال والعائلة
dept-dagtilbud_og_skole = رعاية الأطفال والمدرسة
dept-sundhed = الصحة
dept-bolig = السكن
dept-sprogcenter = مركز اللغة (Sprogcenter)
dept-virksomhedsservice = خدمة الشركات

## أيام الأسبوع
weekday-1 = الاثنين
weekday-2 = الثلاثاء
weekday-3 = الأربعاء
weekday-4 = الخميس
weekday-5 = الجمعة
weekday-6 = السبت
weekday-7 = الأحد

## أنشطة البلدية
action-du1 = تعليم اللغة الدنماركية، المسار 1 (Danskuddannelse 1)
action-du2 = تعليم اللغة الدنماركية، المسار 2 (Danskuddannelse 2)
action-du3 = تعليم اللغة الدنماركية، المسار 3 (Danskuddannelse 3)
action-virksomhedspraktik = تدريب عملي في شركة (virksomhedspraktik)
action-loentilskud = وظيفة بدعم للأجر (løntilskud)
action-igu = التعليم الأساسي للاندماج: عمل ودراسة (IGU)
action-jobsoegning = البحث عن عمل والمقابلات
action-dagtilbud = مكان في الحضانة أو روضة الأطفال
action-skole = المدرسة
action-helbredsvurdering = فحص لصحتك
action-sundhedsplejerske = زيارة من الممرضة الصحية
action-familiestoette = دعم للعائلة
action-boligvejledning = مساعدة في إيجاد سكن
action-foraeldremoede = اجتماع أولياء الأمور في الحضانة أو المدرسة
action-skole_hjem_samtale = محادثة بين المدرسة والأسرة
action-foraeldrekursus = دورة للآباء والأمهات

## المواعيد النهائية
deadline-contract-deadline = يجب إعداد عقد الاندماج الخاص بك
deadline-programme-start = يبدأ برنامج التعريف الخاص بك
deadline-programme-duration = ينتهي برنامج التعريف الخاص بك
deadline-du-referral = تتم إحالتك إلى تعليم اللغة الدنماركية
deadline-du-start = يبدأ تعليمك للغة الدنماركية
deadline-du-start_self_supporting = يمكن أن يبدأ تعليمك للغة الدنماركية
deadline-du-right = ينتهي حقك في تعليم اللغة الدنماركية
deadline-health-assessment = يُعرض عليك فحص لصحتك
deadline-followup-first_six_months = مقابلات المتابعة في الأشهر الستة الأولى
deadline-followup-ordinary_work_or_education = مقابلة متابعة أثناء عملك أو دراستك
deadline-company_offer-first = أول عرض لك في مكان عمل
deadline-company_offer-max_gap = عرضك التالي في مكان عمل
deadline-igu-start_by = آخر يوم لبدء برنامج IGU
deadline-igu-duration = ينتهي برنامج IGU الخاص بك
deadline-igu-school_weeks = أسبوعك الدراسي التالي في برنامج IGU
deadline-company_offer-praktik = ينتهي تدريبك العملي في الشركة
deadline-company_offer-loentilskud = تنتهي وظيفتك بدعم الأجر
deadline-school-reception_class = تنتهي فترة طفلك في صف الاستقبال (modtagelsesklasse)

## صفحات المواطن
skip-to-content = انتقل إلى المحتوى
log-in = تسجيل الدخول
link-title = سجّل الدخول وشاهد خطتك
link-intro = اضغط على الزر لتسجيل الدخول. يمكن استخدام الرابط مرة واحدة فقط.
link-invalid = تم استخدام الرابط أو انتهت صلاحيته. اطلب رابطًا جديدًا من موظف الحالة.
citizen-footer = يتم تسجيل كل وصول إلى معلوماتك.
