# Qorshahayga – Af Soomaali.

## Cinwaanno iyo erayo go'an
my-plan = Qorshahayga (Min plan)
my-plan-for = Qorshaha { $name }
intro = Kani waa qorshahaaga: hadafyadaada, waxaad samayn doonto, goorta, iyo cidda aad weydiin karto.
no-plan = Weli qorshe ma jiro. Shaqaalahaaga kiiska ayaa qorshaha kula samayn doona.
plan-version = Nuqulka qorshaha: { $version }
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
weekly-hours = { $hours ->
    [one] { $hours } saacad usbuucii
   *[other] { $hours } saacadood usbuucii
}
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
read-done = Waad akhriday nuqulkan qorshaha ({ $date }).
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
dept-jobcenter = Xarunta shaqada (Jobcenter)
dept-born_og_familie = Carruurta iyo qoyska
dept-dagtilbud_og_skole = Xannaanada iyo dugsiga
dept-sundhed = Caafimaadka
dept-bolig = Guriyeynta
dept-sprogcenter = Xarunta luqadda (Sprogcenter)
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
action-du1 = Waxbarashada af Deenishka, waddada 1 (Danskuddannelse 1)
action-du2 = Waxbarashada af Deenishka, waddada 2 (Danskuddannelse 2)
action-du3 = Waxbarashada af Deenishka, waddada 3 (Danskuddannelse 3)
action-virksomhedspraktik = Tababar shaqo oo shirkad ah (virksomhedspraktik)
action-loentilskud = Shaqo leh taageero mushahar (løntilskud)
action-igu = Waxbarashada aasaasiga ah ee is-dhexgalka: shaqo iyo waxbarasho (IGU)
action-jobsoegning = Shaqo raadis iyo wareysiyo
action-dagtilbud = Meel xannaanada ama dugsiga barbaarinta
action-skole = Dugsi
action-helbredsvurdering = Baaritaanka caafimaadkaaga
action-sundhedsplejerske = Booqasho kalkaalisada caafimaadka
action-familiestoette = Taageero qoyska
action-boligvejledning = Caawimaad lagu helo guri
action-foraeldremoede = Kulanka waalidiinta ee xannaanada ama dugsiga
action-skole_hjem_samtale = Wada-hadalka dugsiga iyo guriga
action-foraeldrekursus = Koorso loogu talagalay waalidiinta

## Wakhtiyada sharciga
deadline-contract-deadline = Heshiiskaaga is-dhexgalka waa in la sameeyaa
deadline-programme-start = Barnaamijkaaga hordhaca ah ayaa bilaabmaya
deadline-programme-duration = Barnaamijkaaga hordhaca ah ayaa dhammaanaya
deadline-du-referral = Waxaa laguu gudbinayaa waxbarashada af Deenishka
deadline-du-start = Waxbarashadaada af Deenishka ayaa bilaabmaysa
deadline-du-start_self_supporting = Waxbarashadaada af Deenishka way bilaabmi kartaa
deadline-du-right = Xaqaaga waxbarashada af Deenishka ayaa dhammaanaya
deadline-health-assessment = Waxaa laguu soo bandhigayaa baaritaan caafimaad
deadline-followup-first_six_months = Wada-hadallada dabagalka 6-da bilood ee ugu horreeya
deadline-followup-ordinary_work_or_education = Wada-hadal dabagal inta aad shaqaynayso ama wax baranayso
deadline-company_offer-first = Dalabkaaga ugu horreeya ee goob shaqo
deadline-company_offer-max_gap = Dalabkaaga xiga ee goob shaqo
deadline-igu-start_by = Maalinta ugu dambeysa ee lagu bilaabi karo IGU
deadline-igu-duration = IGU-gaagu wuu dhammaanayaa
deadline-igu-school_weeks = Toddobaadka dugsiga ee xiga ee IGU-gaaga
deadline-company_offer-praktik = Tababarkaaga shaqo ee shirkadda ayaa dhammaanaya
deadline-company_offer-loentilskud = Shaqadaada taageerada mushaharka leh ayaa dhammaanaysa
deadline-school-reception_class = Waqtiga ilmahaaga ee fasalka soo dhoweynta (modtagelsesklasse) ayaa dhammaanaya

## Bogagga muwaadinka
skip-to-content = U gudub waxa ku jira
log-in = Gal
link-title = Gal oo arag qorshahaaga
link-intro = Riix badhanka si aad u gasho. Linkiga hal mar oo keliya ayaa la isticmaali karaa.
link-invalid = Linkiga waa la isticmaalay ama wuu dhacay. Shaqaalahaaga kiiska ka codso link cusub.
citizen-footer = Gelitaan kasta oo macluumaadkaaga ah waa la diiwaangeliyaa.
