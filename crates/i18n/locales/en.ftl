# My plan – English.

## Headings and fixed words
my-plan = My plan (Min plan)
my-plan-for = My plan for { $name }
intro = This is your plan: your goals, what you will do, when, and whom you can ask.
no-plan = There is no plan yet. Your caseworker will make the plan together with you.
plan-version = Plan version: { $version }
printed-on = Date: { $date }
municipality = { $name }
language = Language
choose-language = Choose language
show = Show
download-pdf = Download PDF
goals = My goals
goal-for-family = Goal for the whole family
no-goals = There are no goals in the plan yet.
actions = What I will do
no-actions = No activities yet.
for-family = For the whole family
department = Where
responsible = Contact person
period = Period
period-from = From { $from }
period-from-to = From { $from } to { $to }
times = When
weekly-hours = { $hours ->
    [one] { $hours } hour a week
   *[other] { $hours } hours a week
}
slot = { $weekday } { $from }–{ $to }
status = Status
appointments = My next appointments
appointment = { $weekday } { $date }, { $from }–{ $to }
no-appointments = No fixed appointments in the next two weeks.
contacts = My contact persons
coordinator = Family coordinator
no-contacts = Your caseworker will tell you whom you can contact.
deadlines = Important dates
deadline-due = By { $date }
no-deadlines = No important dates right now.
in-danish = in Danish
staff-text-note = Texts written by staff are shown as they were written, in Danish.
footer = If you have questions about the plan, contact your caseworker.
read-button = I have read my plan
read-done = You have read this version of the plan ({ $date }).
read-thanks = Thank you. We have noted that you have read the plan.
my-plans = My plans
my-children = My children
children-note = You can see the plans of your children under 18.
log-out = Log out
back = Back

## Status of an activity
status-planned = Planned
status-active = In progress
status-done = Finished
status-cancelled = Cancelled

## Life areas
area-sprog = Language
area-uddannelse = Education
area-beskaeftigelse = Work
area-helbred = Health
area-boern_og_skole = Children and school
area-bolig = Housing
area-oekonomi = Money
area-faellesskab_og_fritid = Community and leisure

## Departments
dept-jobcenter = The job centre (Jobcenter)
dept-born_og_familie = Children and family
dept-dagtilbud_og_skole = Daycare and school
dept-sundhed = Health
dept-bolig = Housing
dept-sprogcenter = The language centre (Sprogcenter)
dept-virksomhedsservice = Business service

## Weekdays
weekday-1 = Monday
weekday-2 = Tuesday
weekday-3 = Wednesday
weekday-4 = Thursday
weekday-5 = Friday
weekday-6 = Saturday
weekday-7 = Sunday

## The municipality's catalogue of actions
action-du1 = Danish education, track 1 (Danskuddannelse 1)
action-du2 = Danish education, track 2 (Danskuddannelse 2)
action-du3 = Danish education, track 3 (Danskuddannelse 3)
action-virksomhedspraktik = Work placement (virksomhedspraktik)
action-loentilskud = Job with wage subsidy (løntilskud)
action-igu = Integration basic education: work and school (IGU)
action-jobsoegning = Job search and interviews
action-dagtilbud = A place in nursery or kindergarten
action-skole = School
action-helbredsvurdering = A check of your health
action-sundhedsplejerske = Visit from the health visitor
action-familiestoette = Support for the family
action-boligvejledning = Help to find a home
action-foraeldremoede = Parents’ meeting at daycare or school
action-skole_hjem_samtale = School–home conversation
action-foraeldrekursus = Course for parents

## Deadlines (rules)
deadline-contract-deadline = Your integration contract must be made
deadline-programme-start = Your introduction programme begins
deadline-programme-duration = Your introduction programme ends
deadline-du-referral = You are referred to Danish education
deadline-du-start = Your Danish education begins
deadline-du-start_self_supporting = Your Danish education can begin
deadline-du-right = Your right to Danish education ends
deadline-health-assessment = You are offered a check of your health
deadline-followup-first_six_months = Follow-up meetings in the first 6 months
deadline-followup-ordinary_work_or_education = A follow-up meeting while you are in work or education
deadline-company_offer-first = Your first offer at a workplace
deadline-company_offer-max_gap = Your next offer at a workplace
deadline-igu-start_by = Last day to start an IGU
deadline-igu-duration = Your IGU ends
deadline-igu-school_weeks = Your next school week in the IGU
deadline-company_offer-praktik = Your work placement ends
deadline-company_offer-loentilskud = Your job with wage subsidy ends
deadline-school-reception_class = Your child's time in a reception class (modtagelsesklasse) ends

## The citizen's pages
skip-to-content = Skip to content
log-in = Log in
link-title = Log in and see your plan
link-intro = Press the button to log in. The link can be used only once.
link-invalid = The link has been used or has expired. Ask your caseworker for a new link.
citizen-footer = All access to your information is recorded.
