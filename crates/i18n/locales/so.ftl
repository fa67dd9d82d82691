# Qorshahayga – Af Soomaali.

## Cinwaanno iyo erayo go'an
my-plan = Qorshahayga
my-plan-for = Qorshaha { $name }
intro = Kani waa qorshahaaga: hadafyadaada, waxaad samayn doonto, goorta, iyo cidda aad weydiin karto.
no-plan = Weli qorshe ma jiro. Shaqaalahaaga kiiska ayaa qorshaha kula samayn doona.
plan-version = Nooca qorshaha: { $version }
printed-on = Taariikh: { $date }
municipality = { $name }
language = Luqad
choose-language = Dooro luqadda
show = Muuji
download-pdf = Soo deji PDF
goals = Hadafyadayda
goal-for-family = Hadaf loogu talagalay qoyska oo dhan
no-goals = Weli hadaf kuma jiro qorshaha.
actions = Waxaan samayn doono
no-actions = Weli hawlo ma jiraan.
for-family = Qoyska oo dhan
department = Halkee
responsible = Qofka xiriirka
period = Muddada
period-from = Laga bilaabo { $from }
period-from-to = Laga bilaabo { $from } ilaa { $to }
times = Goorma
weekly-hours = { $hours } saacadood usbuucii
slot = { $weekday } { $from }–{ $to }
status = Xaaladda
appointments = Ballamahayga xiga
appointment = { $weekday } { $date }, { $from }–{ $to }
no-appointments = Ballamo go'an ma jiraan labada toddobaad ee soo socda.
contacts = Dadka aan la xiriiro
coordinator = Isku-duwaha qoyska
no-contacts = Shaqaalahaaga kiiska ayaa kuu sheegi doona cidda aad la xiriiri karto.
deadlines = Taariikhaha muhiimka ah
deadline-due = Ugu dambayn { $date }
no-deadlines = Hadda taariikh muhiim ah ma jirto.
in-danish = af Deenish
staff-text-note = Qoraallada ay shaqaaluhu qoreen waxaa loo muujiyaa sidii loo qoray, af Deenish.
footer = Haddii aad su'aalo ka qabto qorshaha, la xiriir shaqaalahaaga kiiska.
read-button = Waan akhriyay qorshahayga
read-done = Waad akhriday noocan qorshaha ({ $date }).
read-thanks = Mahadsanid. Waxaan qornay inaad akhriday qorshaha.
my-plans = Qorshayaashayda
my-children = Carruurtayda
children-note = Waxaad arki kartaa qorshayaasha carruurtaada ka yar 18 sano.
log-out = Ka bax
back = Dib u noqo

## Xaaladda hawsha
status-planned = Qorsheysan
status-active = Socda
status-done = Dhammaaday
status-cancelled = La joojiyay

## Qaybaha nolosha
area-sprog = Luqad
area-uddannelse = Waxbarasho
area-beskaeftigelse = Shaqo
area-helbred = Caafimaad
area-boern_og_skole = Carruurta iyo dugsiga
area-bolig = Guri
area-oekonomi = Lacag
area-faellesskab_og_fritid = Bulshada iyo waqtiga firaaqada

## Waaxaha
dept-jobcenter = Xarunta shaqada
dept-born_og_familie = Carruurta iyo qoyska
dept-dagtilbud_og_skole = Xannaanada iyo dugsiga
dept-sundhed = Caafimaadka
dept-bolig = Guriyeynta
dept-sprogcenter = Xarunta luqadda
dept-virksomhedsservice = Adeegga shirkadaha

## Maalmaha usbuuca
weekday-1 = Isniin
weekday-2 = Talaado
weekday-3 = Arbaco
weekday-4 = Khamiis
weekday-5 = Jimco
weekday-6 = Sabti
weekday-7 = Axad

## Hawlaha degmada
action-du1 = Koorsada af Deenishka 1
action-du2 = Koorsada af Deenishka 2
action-du3 = Koorsada af Deenishka 3
action-virksomhedspraktik = Tababar shaqo oo goob shaqo ah
action-loentilskud = Shaqo leh taageero mushahar
action-igu = IGU: shaqo iyo waxbarasho
action-jobsoegning = Shaqo raadis iyo wareysiyo
action-dagtilbud = Meel xannaanada ama dugsiga barbaarinta
action-skole = Dugsi
action-helbredsvurdering = Baaritaanka caafimaadkaaga
action-sundhedsplejerske = Booqasho kalkaalisada caafimaadka
action-familiestoette = Taageero qoyska
action-boligvejledning = Caawimaad lagu helo guri

## Bogagga muwaadinka
skip-to-content = U gudub waxa ku jira
log-in = Gal
link-title = Gal oo arag qorshahaaga
link-intro = Riix badhanka si aad u gasho. Linkiga hal mar oo keliya ayaa la isticmaali karaa.
link-invalid = Linkiga waa la isticmaalay ama wuu dhacay. Shaqaalahaaga kiiska ka codso link cusub.
citizen-footer = Gelitaan kasta oo macluumaadkaaga ah waa la diiwaangeliyaa.
