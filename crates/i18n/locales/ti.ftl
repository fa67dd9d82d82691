# መደበይ – ትግርኛ።

## ኣርእስታትን ቋሚ ቃላትን
my-plan = መደበይ
my-plan-for = መደብ ናይ { $name }
intro = እዚ መደብካ እዩ፡ ዕላማታትካ፡ እንታይ ክትገብር ከም ዘለካ፡ መዓስ፡ ከምኡውን ንመን ክትሓትት ከም እትኽእል።
no-plan = ገና መደብ የለን። ሰራሕተኛ ጉዳይካ ምሳኻ ብሓባር መደብ ክሰርሕ እዩ።
plan-version = ሕታም መደብ: { $version }
printed-on = ዕለት: { $date }
municipality = { $name }
language = ቋንቋ
choose-language = ቋንቋ ምረጽ
show = ኣርኢ
download-pdf = PDF ኣውርድ
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
weekly-hours = ኣብ ሰሙን { $hours } ሰዓት
slot = { $weekday } { $from }–{ $to }
status = ኩነታት
appointments = ዝቕጽሉ ቆጸራታተይ
appointment = { $weekday } { $date }፣ { $from }–{ $to }
no-appointments = ኣብ ዝመጽእ ክልተ ሰሙን ቋሚ ቆጸራ የለን።
contacts = ተራኺብቲ ሰባተይ
coordinator = ኣወሃሃዲ ስድራቤት
no-contacts = ሰራሕተኛ ጉዳይካ ንመን ክትራኸብ ከም እትኽእል ክነግረካ እዩ።
deadlines = ኣገደስቲ ዕለታት
deadline-due = ክሳብ { $date }
no-deadlines = ሕጂ ኣገዳሲ ዕለት የለን።
in-danish = ብዴንማርክኛ
staff-text-note = ብሰራሕተኛታት ዝተጻሕፉ ጽሑፋት ከም ዝተጻሕፉ ብዴንማርክኛ ይርኣዩ።
footer = ብዛዕባ እቲ መደብ ሕቶ እንተሃልዩካ፡ ንሰራሕተኛ ጉዳይካ ተራኸብ።
read-button = መደበይ ኣንቢበዮ ኣለኹ
read-done = ነዚ ሕታም መደብ ኣንቢብካዮ ኣለኻ ({ $date })።
read-thanks = የቐንየልና። መደብ ከም ዘንበብካዮ መዝጊብና ኣለና።
my-plans = መደባተይ
my-children = ደቀይ
children-note = ናይ ትሕቲ 18 ዓመት ደቅኻ መደባት ክትርኢ ትኽእል ኢኻ።
log-out = ውጻእ
back = ተመለስ

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
dept-jobcenter = ማእከል ስራሕ
dept-born_og_familie = ቆልዑን ስድራቤትን
dept-dagtilbud_og_skole = መዋእለ ህጻናትን ቤት ትምህርትን
dept-sundhed = ጥዕና
dept-bolig = መንበሪ ገዛ
dept-sprogcenter = ማእከል ቋንቋ
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
action-du1 = ትምህርቲ ዴንማርክኛ 1
action-du2 = ትምህርቲ ዴንማርክኛ 2
action-du3 = ትምህርቲ ዴንማርክኛ 3
action-virksomhedspraktik = ልምምድ ኣብ ቦታ ስራሕ
action-loentilskud = ስራሕ ምስ ደገፍ ደሞዝ
action-igu = IGU: ስራሕን ትምህርትን
action-jobsoegning = ስራሕ ምንዳይን ቃለ-መሕትትን
action-dagtilbud = ቦታ ኣብ መዋእለ ህጻናት
action-skole = ቤት ትምህርቲ
action-helbredsvurdering = ምርመራ ጥዕናኻ
action-sundhedsplejerske = ምብጻሕ ናይ ጥዕና ነርስ
action-familiestoette = ደገፍ ንስድራቤት
action-boligvejledning = ገዛ ንምርካብ ሓገዝ

## ገጻት ተቐማጢ
skip-to-content = ናብ ትሕዝቶ ኪድ
log-in = እቶ
link-title = እቶ እሞ መደብካ ርአ
link-intro = ንምእታው ነቲ መልጎም ጠውቆ። እቲ መላግቦ ሓንሳብ ጥራይ ይሰርሕ።
link-invalid = እቲ መላግቦ ተሰሪሑሉ ወይ ግዚኡ ሓሊፉ እዩ። ካብ ሰራሕተኛ ጉዳይካ ሓድሽ መላግቦ ሕተት።
citizen-footer = ኩሉ ምብጻሕ ናብ ሓበሬታኻ ይምዝገብ እዩ።
