# መደበይ – ትግርኛ።

## ኣርእስታትን ቋሚ ቃላትን
my-plan = መደበይ (Min plan)
my-plan-for = መደብ ናይ { $name }
intro = እዚ መደብኩም እዩ፡ ዕላማታትኩም፡ እንታይ ክትገብሩ ከም ዘለኩም፡ መዓስ፡ ከምኡውን ንመን ክትሓቱ ከም እትኽእሉ።
no-plan = ገና መደብ የለን። ሰራሕተኛ ጉዳይኩም ምሳኹም ብሓባር መደብ ክሰርሕ እዩ።
plan-version = ሕታም መደብ: { $version }
printed-on = ዕለት: { $date }
municipality = { $name }
language = ቋንቋ
choose-language = ቋንቋ ምረጹ
show = ኣርእዩ
download-pdf = PDF ኣውርዱ
goals = ዕላማታተይ
goal-for-family = ዕላማ ንብምሉኡ ስድራቤት
no-goals = ገና ኣብ መደብ ዕላማ የለን።
actions = ክገብሮ ዘለኒ
no-actions = ገና ንጥፈታት የለን።
for-family = ንብምሉኡ ስድራቤት
department = ኣበይ
responsible = ተራኺቢ ሰብ
period = እዋን
period-from = ካብ { $from }
period-from-to = ካብ { $from } ክሳብ { $to }
times = መዓስ
weekly-hours = { $hours ->
    [one] ኣብ ሰሙን { $hours } ሰዓት
   *[other] ኣብ ሰሙን { $hours } ሰዓታት
}
slot = { $weekday } { $from }–{ $to }
status = ኩነታት
appointments = ዝቕጽሉ ቆጸራታተይ
appointment = { $weekday } { $date }፣ { $from }–{ $to }
no-appointments = ኣብ ዝመጽእ ክልተ ሰሙን ቋሚ ቆጸራ የለን።
contacts = ተራኺብቲ ሰባተይ
coordinator = ኣወሃሃዲ ስድራቤት
no-contacts = ሰራሕተኛ ጉዳይኩም ንመን ክትራኸቡ ከም እትኽእሉ ክነግረኩም እዩ።
deadlines = ኣገደስቲ ዕለታት
deadline-due = ክሳብ { $date }
no-deadlines = ሕጂ ኣገዳሲ ዕለት የለን።
in-danish = ብዴንማርክኛ
staff-text-note = ብሰራሕተኛታት ዝተጻሕፉ ጽሑፋት ከም ዝተጻሕፉ ብዴንማርክኛ ይርኣዩ።
footer = ብዛዕባ እቲ መደብ ሕቶ እንተሃልዩኩም፡ ንሰራሕተኛ ጉዳይኩም ተራኸቡ።
read-button = መደበይ ኣንቢበዮ ኣለኹ
read-done = ነዚ ሕታም መደብ ኣንቢብኩምዎ ኣለኹም ({ $date })።
read-thanks = የቐንየልና። መደብ ከም ዘንበብኩምዎ መዝጊብና ኣለና።
my-plans = መደባተይ
my-children = ደቀይ
children-note = ናይ ትሕቲ 18 ዓመት ደቅኹም መደባት ክትርእዩ ትኽእሉ ኢኹም።
log-out = ውጹ
back = ተመለሱ

## ኩነታት ንጥፈት
status-planned = ዝተመደበ
status-active = ይቕጽል ኣሎ
status-done = ተወዲኡ
status-cancelled = ተሰሪዙ

## ዓውድታት ህይወት
area-sprog = ቋንቋ
area-uddannelse = ትምህርቲ
area-beskaeftigelse = ስራሕ
area-helbred = ጥዕና
area-boern_og_skole = ቆልዑን ቤት ትምህርትን
area-bolig = መንበሪ ገዛ
area-oekonomi = ገንዘብ
area-faellesskab_og_fritid = ሕብረተሰብን ናጻ ግዜን

## ክፍልታት
dept-jobcenter = ማእከል ስራሕ (Jobcenter)
dept-born_og_familie = ቆልዑን ስድራቤትን
dept-dagtilbud_og_skole = መዋእለ ህጻናትን ቤት ትምህርትን
dept-sundhed = ጥዕና
dept-bolig = መንበሪ ገዛ
dept-sprogcenter = ማእከል ቋንቋ (Sprogcenter)
dept-virksomhedsservice = ኣገልግሎት ትካላት

## መዓልታት ሰሙን
weekday-1 = ሰኑይ
weekday-2 = ሰሉስ
weekday-3 = ረቡዕ
weekday-4 = ሓሙስ
weekday-5 = ዓርቢ
weekday-6 = ቀዳም
weekday-7 = ሰንበት

## ንጥፈታት ምምሕዳር ከተማ
action-du1 = ትምህርቲ ዴንማርክኛ፡ መስመር 1 (Danskuddannelse 1)
action-du2 = ትምህርቲ ዴንማርክኛ፡ መስመር 2 (Danskuddannelse 2)
action-du3 = ትምህርቲ ዴንማርክኛ፡ መስመር 3 (Danskuddannelse 3)
action-virksomhedspraktik = ልምምድ ኣብ ትካል (virksomhedspraktik)
action-loentilskud = ስራሕ ምስ ደገፍ ደሞዝ (løntilskud)
action-igu = መሰረታዊ ትምህርቲ ምትእስሳር፡ ስራሕን ትምህርትን (IGU)
action-jobsoegning = ስራሕ ምንዳይን ቃለ-መሕትትን
action-dagtilbud = ቦታ ኣብ መዋእለ ህጻናት
action-skole = ቤት ትምህርቲ
action-helbredsvurdering = ምርመራ ጥዕናኹም
action-sundhedsplejerske = ምብጻሕ ናይ ጥዕና ነርስ
action-familiestoette = ደገፍ ንስድራቤት
action-boligvejledning = ገዛ ንምርካብ ሓገዝ
action-foraeldremoede = ኣኼባ ወለዲ ኣብ መዋእለ ህጻናት ወይ ቤት ትምህርቲ
action-skole_hjem_samtale = ዘተ ቤት ትምህርትን ስድራቤትን
action-foraeldrekursus = ኮርስ ንወለዲ

## ዕለታት ሕጊ
deadline-contract-deadline = ውዕል ምትእስሳርኩም ክኽተም ኣለዎ
deadline-programme-start = መእተዊ መደብኩም ይጅምር
deadline-programme-duration = መእተዊ መደብኩም ይውዳእ
deadline-du-referral = ናብ ትምህርቲ ዴንማርክኛ ክትለኣኹ ኢኹም
deadline-du-start = ትምህርቲ ዴንማርክኛኹም ይጅምር
deadline-du-start_self_supporting = ትምህርቲ ዴንማርክኛኹም ክጅምር ይኽእል
deadline-du-right = መሰልኩም ንትምህርቲ ዴንማርክኛ ይውዳእ
deadline-health-assessment = መርመራ ጥዕና ይቐርበልኩም
deadline-followup-first_six_months = ኣብ ቀዳሞት 6 ኣዋርሕ ናይ ክትትል ርክባት
deadline-followup-ordinary_work_or_education = ኣብ ስራሕ ወይ ትምህርቲ ከለኹም ናይ ክትትል ርክብ
deadline-company_offer-first = ቀዳማይ ዕድልኩም ኣብ ቦታ ስራሕ
deadline-company_offer-max_gap = ዝቕጽል ዕድልኩም ኣብ ቦታ ስራሕ
deadline-igu-start_by = IGU ንምጅማር ናይ መወዳእታ መዓልቲ
deadline-igu-duration = IGU ኹም ይውዳእ
deadline-igu-school_weeks = ዝቕጽል ሰሙን ትምህርቲ ኣብ IGU ኹም
deadline-company_offer-praktik = ልምምድኩም ኣብ ትካል ይውዳእ
deadline-company_offer-loentilskud = ስራሕኩም ምስ ደገፍ ደሞዝ ይውዳእ
deadline-school-reception_class = ግዜ ውላድኩም ኣብ ክፍሊ ሓደስቲ መጻእቲ (modtagelsesklasse) ይውዳእ

## ገጻት ተቐማጢ
skip-to-content = ናብ ትሕዝቶ ኪዱ
log-in = እተዉ
link-title = እተዉ እሞ መደብኩም ርኣዩ
link-intro = ንምእታው ነቲ መልጎም ጠውቑ። እቲ መላግቦ ሓንሳብ ጥራይ ይሰርሕ።
link-invalid = እቲ መላግቦ ተሰሪሑሉ ወይ ግዚኡ ሓሊፉ እዩ። ካብ ሰራሕተኛ ጉዳይኩም ሓድሽ መላግቦ ሕተቱ።
citizen-footer = ኩሉ ምብጻሕ ናብ ሓበሬታኹም ይምዝገብ እዩ።
