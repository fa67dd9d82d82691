# پلان من – دری.

## عنوان‌ها و کلمات ثابت
my-plan = پلان من (Min plan)
my-plan-for = پلان { $name }
intro = این پلان شماست: اهداف شما، کارهایی که انجام می‌دهید، چه وقت، و از چه کسی می‌توانید بپرسید.
no-plan = هنوز پلانی وجود ندارد. مددکار شما پلان را با شما یکجا می‌سازد.
plan-version = نسخهٔ پلان: { $version }
printed-on = تاریخ: { $date }
municipality = { $name }
language = زبان
choose-language = زبان را انتخاب کنید
show = نشان بدهید
download-pdf = PDF را دانلود کنید
goals = اهداف من
goal-for-family = هدف برای تمام فامیل
no-goals = هنوز هیچ هدفی در پلان نیست.
actions = کارهایی که انجام می‌دهم
no-actions = هنوز فعالیتی وجود ندارد.
for-family = برای تمام فامیل
department = کجا
responsible = شخص تماس
period = مدت
period-from = از { $from }
period-from-to = از { $from } تا { $to }
times = چه وقت
weekly-hours = { $hours } ساعت در هفته
slot = { $weekday } از { $from } تا { $to }
status = وضعیت
appointments = قرارهای بعدی من
appointment = { $weekday } { $date }، از { $from } تا { $to }
no-appointments = در دو هفتهٔ آینده قرار ثابتی نیست.
contacts = اشخاص تماس من
coordinator = هماهنگ‌کنندهٔ فامیل
no-contacts = مددکار شما به شما می‌گوید که با چه کسی تماس بگیرید.
deadlines = تاریخ‌های مهم
deadline-due = تا { $date }
no-deadlines = فعلاً تاریخ مهمی نیست.
in-danish = به زبان دنمارکی
staff-text-note = متن‌هایی که کارمندان نوشته‌اند، همان‌طور که نوشته شده‌اند، به زبان دنمارکی نشان داده می‌شوند.
footer = اگر دربارهٔ پلان سؤالی دارید، با مددکار خود تماس بگیرید.
read-button = من پلان خود را خوانده‌ام
read-done = شما این نسخهٔ پلان را خوانده‌اید ({ $date }).
read-thanks = تشکر. ما ثبت کردیم که شما پلان را خوانده‌اید.
my-plans = پلان‌های من
my-children = اطفال من
children-note = شما می‌توانید پلان‌های اطفال زیر 18 سال خود را ببینید.
log-out = خارج شوید
back = بازگشت

## وضعیت فعالیت
status-planned = پلان‌شده
status-active = جریان دارد
status-done = تمام شد
status-cancelled = لغو شد

## ساحه‌های زندگی
area-sprog = زبان
area-uddannelse = تحصیل
area-beskaeftigelse = کار
area-helbred = صحت
area-boern_og_skole = اطفال و مکتب
area-bolig = مسکن
area-oekonomi = پول
area-faellesskab_og_fritid = جامعه و اوقات فراغت

## بخش‌ها
dept-jobcenter = مرکز کاریابی (Jobcenter)
dept-born_og_familie = اطفال و فامیل
dept-dagtilbud_og_skole = کودکستان و مکتب
dept-sundhed = صحت
dept-bolig = مسکن
dept-sprogcenter = مرکز زبان (Sprogcenter)
dept-virksomhedsservice = خدمات برای شرکت‌ها

## روزهای هفته
weekday-1 = دوشنبه
weekday-2 = سه‌شنبه
weekday-3 = چهارشنبه
weekday-4 = پنجشنبه
weekday-5 = جمعه
weekday-6 = شنبه
weekday-7 = یکشنبه

## فعالیت‌های شاروالی
action-du1 = آموزش زبان دنمارکی، مسیر 1 (Danskuddannelse 1)
action-du2 = آموزش زبان دنمارکی، مسیر 2 (Danskuddannelse 2)
action-du3 = آموزش زبان دنمارکی، مسیر 3 (Danskuddannelse 3)
action-virksomhedspraktik = کارآموزی در یک شرکت (virksomhedspraktik)
action-loentilskud = وظیفه با کمک معاش (løntilskud)
action-igu = آموزش پایه‌ای ادغام: کار و تحصیل (IGU)
action-jobsoegning = جستجوی کار و مصاحبه
action-dagtilbud = جای در شیرخوارگاه یا کودکستان
action-skole = مکتب
action-helbredsvurdering = معاینهٔ صحت شما
action-sundhedsplejerske = دیدار نرس صحی
action-familiestoette = حمایت از فامیل
action-boligvejledning = کمک برای یافتن خانه
action-foraeldremoede = جلسهٔ والدین در کودکستان یا مکتب
action-skole_hjem_samtale = گفتگوی مکتب و خانه
action-foraeldrekursus = کورس برای والدین

## تاریخ‌های قانونی
deadline-contract-deadline = قرارداد ادغام شما باید امضا شود
deadline-programme-start = برنامهٔ مقدماتی شما شروع می‌شود
deadline-programme-duration = برنامهٔ مقدماتی شما تمام می‌شود
deadline-du-referral = شما به آموزش زبان دنمارکی معرفی می‌شوید
deadline-du-start = آموزش زبان دنمارکی شما شروع می‌شود
deadline-du-start_self_supporting = آموزش زبان دنمارکی شما می‌تواند شروع شود
deadline-du-right = حق شما برای آموزش زبان دنمارکی تمام می‌شود
deadline-health-assessment = برای شما معاینهٔ صحت پیشنهاد می‌شود
deadline-followup-first_six_months = گفتگوهای پیگیری در 6 ماه اول
deadline-followup-ordinary_work_or_education = گفتگوی پیگیری در زمانی که کار یا تحصیل می‌کنید
deadline-company_offer-first = اولین پیشنهاد شما در یک محل کار
deadline-company_offer-max_gap = پیشنهاد بعدی شما در یک محل کار
deadline-igu-start_by = آخرین روز برای شروع IGU
deadline-igu-duration = IGU شما تمام می‌شود
deadline-igu-school_weeks = هفتهٔ درسی بعدی شما در IGU
deadline-company_offer-praktik = کارآموزی شما در شرکت تمام می‌شود
deadline-company_offer-loentilskud = وظیفهٔ شما با کمک معاش تمام می‌شود
deadline-school-reception_class = مدت طفل شما در صنف نوآمدگان (modtagelsesklasse) تمام می‌شود

## صفحه‌های شهروند
skip-to-content = رفتن به محتوا
log-in = ورود
link-title = وارد شوید و پلان خود را ببینید
link-intro = برای ورود دکمه را فشار دهید. این لینک فقط یک بار قابل استفاده است.
link-invalid = این لینک استفاده شده یا منقضی شده است. از مددکار خود یک لینک جدید بخواهید.
citizen-footer = هر دسترسی به معلومات شما ثبت می‌شود.
