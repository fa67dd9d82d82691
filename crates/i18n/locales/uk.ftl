# Мій план – українська.

## Заголовки та сталі слова
my-plan = Мій план (Min plan)
my-plan-for = Мій план: { $name }
intro = Це ваш план: ваші цілі, що ви будете робити, коли і кого можна запитати.
no-plan = Плану ще немає. Ваш соціальний працівник складе план разом з вами.
plan-version = Версія плану: { $version }
printed-on = Дата: { $date }
municipality = { $name }
language = Мова
choose-language = Виберіть мову
show = Показати
download-pdf = Завантажити PDF
goals = Мої цілі
goal-for-family = Ціль для всієї родини
no-goals = У плані ще немає цілей.
actions = Що я буду робити
no-actions = Поки що немає заходів.
for-family = Для всієї родини
department = Де
responsible = Контактна особа
period = Період
period-from = З { $from }
period-from-to = З { $from } до { $to }
times = Коли
weekly-hours = { $hours ->
    [one] { $hours } година на тиждень
    [few] { $hours } години на тиждень
    [many] { $hours } годин на тиждень
   *[other] { $hours } години на тиждень
}
slot = { $weekday } { $from }–{ $to }
status = Стан
appointments = Мої найближчі зустрічі
appointment = { $weekday } { $date }, { $from }–{ $to }
no-appointments = Немає постійних зустрічей у найближчі два тижні.
contacts = Мої контактні особи
coordinator = Координатор родини
no-contacts = Ваш соціальний працівник скаже, до кого можна звертатися.
deadlines = Важливі дати
deadline-due = До { $date }
no-deadlines = Зараз немає важливих дат.
in-danish = данською
staff-text-note = Тексти, написані працівниками, показано так, як їх написано, данською мовою.
footer = Якщо у вас є запитання щодо плану, зверніться до свого соціального працівника.
read-button = Я прочитав(ла) свій план
read-done = Ви прочитали цю версію плану ({ $date }).
read-thanks = Дякуємо. Ми зазначили, що ви прочитали план.
my-plans = Мої плани
my-children = Мої діти
children-note = Ви можете бачити плани своїх дітей до 18 років.
log-out = Вийти
back = Назад

## Стан заходу
status-planned = Заплановано
status-active = Триває
status-done = Завершено
status-cancelled = Скасовано

## Сфери життя
area-sprog = Мова
area-uddannelse = Освіта
area-beskaeftigelse = Робота
area-helbred = Здоров’я
area-boern_og_skole = Діти і школа
area-bolig = Житло
area-oekonomi = Гроші
area-faellesskab_og_fritid = Спільнота і дозвілля

## Відділи
dept-jobcenter = Центр зайнятості (Jobcenter)
dept-born_og_familie = Діти і родина
dept-dagtilbud_og_skole = Дитсадок і школа
dept-sundhed = Охорона здоров’я
dept-bolig = Житло
dept-sprogcenter = Мовний центр (Sprogcenter)
dept-virksomhedsservice = Служба для підприємств

## Дні тижня
weekday-1 = Понеділок
weekday-2 = Вівторок
weekday-3 = Середа
weekday-4 = Четвер
weekday-5 = П’ятниця
weekday-6 = Субота
weekday-7 = Неділя

## Каталог заходів муніципалітету
action-du1 = Навчання данської мови, напрям 1 (Danskuddannelse 1)
action-du2 = Навчання данської мови, напрям 2 (Danskuddannelse 2)
action-du3 = Навчання данської мови, напрям 3 (Danskuddannelse 3)
action-virksomhedspraktik = Практика на підприємстві (virksomhedspraktik)
action-loentilskud = Робота з дотацією до зарплати (løntilskud)
action-igu = Базова інтеграційна освіта: робота і навчання (IGU)
action-jobsoegning = Пошук роботи і співбесіди
action-dagtilbud = Місце в яслах або дитсадку
action-skole = Школа
action-helbredsvurdering = Перевірка вашого здоров’я
action-sundhedsplejerske = Візит патронажної медсестри
action-familiestoette = Підтримка родини
action-boligvejledning = Допомога в пошуку житла
action-foraeldremoede = Батьківські збори в дитсадку або школі
action-skole_hjem_samtale = Розмова школи з батьками
action-foraeldrekursus = Курс для батьків

## Терміни
deadline-contract-deadline = Має бути укладено ваш інтеграційний контракт
deadline-programme-start = Починається ваша вступна програма
deadline-programme-duration = Закінчується ваша вступна програма
deadline-du-referral = Вас направляють на навчання данської мови
deadline-du-start = Починається ваше навчання данської мови
deadline-du-start_self_supporting = Ваше навчання данської мови може розпочатися
deadline-du-right = Закінчується ваше право на навчання данської мови
deadline-health-assessment = Вам пропонують перевірку здоров’я
deadline-followup-first_six_months = Контрольні зустрічі в перші 6 місяців
deadline-followup-ordinary_work_or_education = Контрольна зустріч, поки ви працюєте або навчаєтеся
deadline-company_offer-first = Ваша перша пропозиція на робочому місці
deadline-company_offer-max_gap = Ваша наступна пропозиція на робочому місці
deadline-igu-start_by = Останній день, щоб розпочати IGU
deadline-igu-duration = Ваша IGU закінчується
deadline-igu-school_weeks = Ваш наступний шкільний тиждень в IGU
deadline-company_offer-praktik = Ваша практика на підприємстві закінчується
deadline-company_offer-loentilskud = Ваша робота з дотацією до зарплати закінчується
deadline-school-reception_class = Закінчується час вашої дитини в класі для новоприбулих (modtagelsesklasse)

## Сторінки громадянина
skip-to-content = Перейти до змісту
log-in = Увійти
link-title = Увійдіть і перегляньте свій план
link-intro = Натисніть кнопку, щоб увійти. Посилання можна використати лише один раз.
link-invalid = Посилання вже використано або термін його дії минув. Попросіть у соціального працівника нове посилання.
citizen-footer = Кожен доступ до ваших даних реєструється.
