# Min plan – dansk. Kildesproget: hver nøgle skal findes her.

## Overskrifter og faste ord
my-plan = Min plan
my-plan-for = Min plan for { $name }
intro = Her er din plan: dine mål, hvad du skal, hvornår, og hvem du kan spørge.
no-plan = Der er ingen plan endnu. Din sagsbehandler laver planen sammen med dig.
plan-version = Planens version: { $version }
printed-on = Dato: { $date }
municipality = { $name }
language = Sprog
choose-language = Vælg sprog
show = Vis
download-pdf = Hent PDF
goals = Mine mål
goal-for-family = Mål for hele familien
no-goals = Der er ingen mål i planen endnu.
actions = Det skal jeg
no-actions = Ingen aktiviteter endnu.
for-family = For hele familien
department = Hvor
responsible = Kontaktperson
period = Periode
period-from = Fra { $from }
period-from-to = Fra { $from } til { $to }
times = Hvornår
weekly-hours = { $hours ->
    [one] { $hours } time om ugen
   *[other] { $hours } timer om ugen
}
slot = { $weekday } kl. { $from }–{ $to }
status = Status
appointments = Mine næste aftaler
appointment = { $weekday } { $date } kl. { $from }–{ $to }
no-appointments = Ingen faste aftaler de næste to uger.
contacts = Mine kontaktpersoner
coordinator = Familiekoordinator
no-contacts = Din sagsbehandler fortæller dig, hvem du kan kontakte.
deadlines = Vigtige datoer
deadline-due = Senest { $date }
no-deadlines = Ingen vigtige datoer lige nu.
in-danish = på dansk
staff-text-note = Tekster skrevet af medarbejderne står, som de er skrevet, på dansk.
footer = Har du spørgsmål til planen, så kontakt din sagsbehandler.
read-button = Jeg har læst min plan
read-done = Du har læst denne version af planen ({ $date }).
read-thanks = Tak. Vi har noteret, at du har læst planen.
my-plans = Mine planer
my-children = Mine børn
children-note = Du kan se planerne for dine børn under 18 år.
log-out = Log ud
back = Tilbage

## Status for en aktivitet
status-planned = Planlagt
status-active = I gang
status-done = Afsluttet
status-cancelled = Aflyst

## Livsområder
area-sprog = Sprog
area-uddannelse = Uddannelse
area-beskaeftigelse = Arbejde
area-helbred = Helbred
area-boern_og_skole = Børn og skole
area-bolig = Bolig
area-oekonomi = Økonomi
area-faellesskab_og_fritid = Fællesskab og fritid

## Afdelinger
dept-jobcenter = Jobcenteret
dept-born_og_familie = Børn og familie
dept-dagtilbud_og_skole = Dagtilbud og skole
dept-sundhed = Sundhed
dept-bolig = Bolig
dept-sprogcenter = Sprogcentret
dept-virksomhedsservice = Virksomhedsservice

## Ugedage
weekday-1 = Mandag
weekday-2 = Tirsdag
weekday-3 = Onsdag
weekday-4 = Torsdag
weekday-5 = Fredag
weekday-6 = Lørdag
weekday-7 = Søndag

## Kommunens katalog af indsatser
action-du1 = Danskuddannelse 1
action-du2 = Danskuddannelse 2
action-du3 = Danskuddannelse 3
action-virksomhedspraktik = Praktik på en arbejdsplads
action-loentilskud = Job med løntilskud
action-igu = IGU: arbejde og uddannelse
action-jobsoegning = Jobsøgning og samtaler
action-dagtilbud = Plads i vuggestue eller børnehave
action-skole = Skolegang
action-helbredsvurdering = Undersøgelse af dit helbred
action-sundhedsplejerske = Besøg af sundhedsplejersken
action-familiestoette = Støtte til familien
action-boligvejledning = Hjælp til at finde bolig
action-foraeldremoede = Forældremøde i dagtilbud eller skole
action-skole_hjem_samtale = Samtale mellem skole og hjem
action-foraeldrekursus = Kursus for forældre

## Frister (regler)
deadline-contract-deadline = Din integrationskontrakt skal være lavet
deadline-programme-start = Dit introduktionsprogram begynder
deadline-programme-duration = Dit introduktionsprogram slutter
deadline-du-referral = Du bliver henvist til danskuddannelse
deadline-du-start = Din danskuddannelse begynder
deadline-du-start_self_supporting = Din danskuddannelse kan begynde
deadline-du-right = Din ret til danskuddannelse slutter
deadline-health-assessment = Du får tilbudt en undersøgelse af dit helbred
deadline-followup-first_six_months = Opfølgningssamtaler de første 6 måneder
deadline-followup-ordinary_work_or_education = Opfølgningssamtale, mens du er i arbejde eller uddannelse
deadline-company_offer-first = Dit første tilbud på en arbejdsplads
deadline-company_offer-max_gap = Dit næste tilbud på en arbejdsplads
deadline-igu-start_by = Sidste dag for at begynde i IGU
deadline-igu-duration = Din IGU slutter
deadline-igu-school_weeks = Næste skoleuge i din IGU
deadline-company_offer-praktik = Din praktik på arbejdspladsen slutter
deadline-company_offer-loentilskud = Dit job med løntilskud slutter
deadline-school-reception_class = Dit barns tid i modtagelsesklasse slutter

## Borgerens sider
skip-to-content = Gå til sidens indhold
log-in = Log ind
link-title = Log ind og se din plan
link-intro = Tryk på knappen for at logge ind. Linket kan kun bruges én gang.
link-invalid = Linket er brugt eller udløbet. Bed din sagsbehandler om et nyt link.
citizen-footer = Al adgang til dine oplysninger bliver registreret.
