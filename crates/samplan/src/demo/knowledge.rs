//! Demo knowledge base: 32 method descriptions across the six themes of the KL
//! integration agenda, from several municipalities. The experiences and figures are
//! invented for the demo (and say so in their contact line), but sized as a municipality
//! of that kind could plausibly report them. Most are published; some wait for review,
//! one has changes requested, one is a draft, one has a second version, and a few carry
//! comments and questions.
use crate::domain::{MunicipalityCode, Role};
use crate::store::Store;
use crate::store::Tenant;
use crate::store::knowledge::MethodFields;
use crate::store::users::NewUser;

/// Where a demo method ends up in the workflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    Published,
    Submitted,
    ChangesRequested,
    Draft,
    /// Published, then a second version published too.
    Revised,
}

/// (municipality code, stage, title, summary, target group, life area, theme, evidence, results, contact).
/// A code of `""` means the demo municipality itself.
type Entry = (&'static str, Stage, &'static str, &'static str, &'static str, &'static str, &'static str, &'static str, &'static str, &'static str);

const METHODS: &[Entry] = &[
    // 1. Rammer for nye flygtninge og familiesammenførte
    (
        "0630",
        Stage::Published,
        "Modtagelsesforløb for hele familien de første 100 dage",
        "Nyankomne familier får én fast koordinator og et fælles opstartsmøde med jobcenter, sundhedspleje, dagtilbud og boligsocial medarbejder inden for de første 14 dage. Familien går derfra med én samlet plan i stedet for fem separate.\n\nKoordinatoren følger op hver fjerde uge de første 100 dage og samler aftaler, så forældrene ikke skal møde op flere steder samme dag.",
        "nyankomne",
        "bolig",
        "rammer_for_nyankomne",
        "lovende",
        "63 familier (218 personer) i 2024–2025. Tid fra ankomst til første virksomhedsrettede tilbud faldt fra 71 til 38 dage i gennemsnit. 92 % af børnene var indskrevet i dagtilbud eller skole inden for 30 dage (før: 74 %).",
        "Demo: opdigtet erfaring – Jobcenter Vejle, integrationsteamet",
    ),
    (
        "0316",
        Stage::Published,
        "Boligvejledning med frivillige boligvenner",
        "Frivillige boligvenner fra boligforeningen besøger nye lejere tre gange i det første halve år: affaldssortering, varme og vand, husorden og fællesarealer. Besøgene aftales via den boligsociale helhedsplan.",
        "nyankomne",
        "bolig",
        "rammer_for_nyankomne",
        "lokal_erfaring",
        "41 husstande fik besøg i 2025; antallet af klager over husorden fra nye lejere faldt fra 17 til 6. Fire boligvenner er siden selv blevet bestyrelsesmedlemmer.",
        "Demo: opdigtet erfaring – Holbæk Kommune, boligsocial koordinator",
    ),
    (
        "0851",
        Stage::Published,
        "Helbredsvurdering inden for de første seks uger",
        "Alle nyankomne over 18 år tilbydes en samtale med en sygeplejerske med tolk inden for seks uger efter overtagelsen. Samtalen afdækker helbred, medicin og behov for udredning, og resultatet indgår i beskæftigelsesplanen med borgerens samtykke.",
        "nyankomne",
        "helbred",
        "rammer_for_nyankomne",
        "lovende",
        "312 samtaler i 2024–2025 (deltagelse 88 %). 27 % blev henvist til egen læge, 9 % til psykiatrisk udredning. Andelen, der fik ændret deres plan på grund af helbred efter mere end et halvt år, faldt fra 21 % til 8 %.",
        "Demo: opdigtet erfaring – Aalborg Kommune, Sundhed og Kultur",
    ),
    (
        "",
        Stage::Submitted,
        "Tolkebank med faste tolke til nyankomne familier",
        "Kommunen har aftale med tolke, så den samme tolk følger familien i det første år. Familien møder færre nye ansigter, og tolken kender sagens baggrund.",
        "nyankomne",
        "helbred",
        "rammer_for_nyankomne",
        "lokal_erfaring",
        "38 familier i 2025; aflyste møder på grund af manglende tolk faldt fra 11 % til 3 %.",
        "Demo: opdigtet erfaring – Borgerservice",
    ),
    (
        "0561",
        Stage::Published,
        "Økonomisk rådgivning ved overgang fra ydelse til løn",
        "En økonomisk rådgiver gennemgår budget, skat og boligstøtte med familien i måneden før første lønudbetaling. Formålet er at undgå restancer, når ydelse og løn overlapper.",
        "alle",
        "oekonomi",
        "rammer_for_nyankomne",
        "lokal_erfaring",
        "74 borgere i 2025. 5 fik huslejerestance det første halve år i job (sammenligning året før: 16 af 70).",
        "Demo: opdigtet erfaring – Esbjerg Kommune, Jobcenter",
    ),
    // 2. Unge i spændingsfeltet mellem job og uddannelse
    (
        "0751",
        Stage::Published,
        "Uddannelsesparathed i tre spor for unge i integrationsprogrammet",
        "Unge 18–29 år vurderes ved start i tre spor: klar til uddannelse, klar med støtte, eller job først. Hvert spor har sit eget forløb af 15 timers virksomhedsindsats kombineret med FVU, forberedende kurser eller brobygning til erhvervsskole.",
        "unge",
        "uddannelse",
        "unge_job_og_uddannelse",
        "lovende",
        "146 unge 2023–2025. Efter 12 måneder var 41 % i uddannelse eller job (sammenlignelig gruppe før: 28 %). Frafaldet i brobygningssporet var 19 %.",
        "Demo: opdigtet erfaring – Aarhus Kommune, Ungeindsatsen",
    ),
    (
        "0621",
        Stage::Published,
        "Mentor fra erhvervsskolen i det første semester",
        "Unge med uddannelsespålæg får en mentor blandt erhvervsskolens ældre elever fra optagelsen til første praktik. Mentoren mødes med den unge hver uge og hjælper med fagsprog og skemaer.",
        "unge",
        "uddannelse",
        "unge_job_og_uddannelse",
        "lokal_erfaring",
        "29 unge i 2025; 24 bestod grundforløb 1 (83 %), mod 61 % blandt tosprogede elever uden mentor samme år.",
        "Demo: opdigtet erfaring – Kolding Kommune og EUC Syd",
    ),
    (
        "0147",
        Stage::Published,
        "IGU med fast skoledag om fredagen",
        "IGU-elever samles på ét hold med skoledag hver fredag hos sprogcentret, så virksomhederne kan planne med fire faste arbejdsdage. Undervisningen bygger på elevernes arbejdsopgaver.",
        "unge",
        "beskaeftigelse",
        "unge_job_og_uddannelse",
        "lovende",
        "33 IGU-forløb 2024–2025; 27 gennemført (82 %), 19 fortsatte i ordinært job hos samme virksomhed.",
        "Demo: opdigtet erfaring – Frederiksberg Kommune, Virksomhedsservice",
    ),
    (
        "0190",
        Stage::ChangesRequested,
        "Lektiecafé for unge på ungdomsuddannelse",
        "Frivillige studerende hjælper unge nydanskere med lektier to aftener om ugen på biblioteket.",
        "unge",
        "uddannelse",
        "unge_job_og_uddannelse",
        "lokal_erfaring",
        "Ca. 20 unge kommer fast.",
        "Demo: opdigtet erfaring – Furesø Kommune, Biblioteket",
    ),
    (
        "0330",
        Stage::Published,
        "Sommerjob gennem lokale foreninger",
        "Kommunen formidler sommerjob i idrætsforeninger, spejderhytter og festivaler til unge 15–19 år. Foreningen får en lille godtgørelse for at være arbejdsgiver og give en skriftlig udtalelse.",
        "unge",
        "faellesskab_og_fritid",
        "unge_job_og_uddannelse",
        "lokal_erfaring",
        "52 unge fik sommerjob i 2025; 31 fortsatte i fritidsjob eller som frivillige efter sommeren.",
        "Demo: opdigtet erfaring – Slagelse Kommune, Fritid og Ungdom",
    ),
    // 3. Helhedsorienteret beskæftigelsesindsats
    (
        "0101",
        Stage::Revised,
        "Virksomhedspraktik med jobmatch fra første uge",
        "Borgeren møder en virksomhedskonsulent allerede i første uge og kommer i praktik inden for fire uger, med løntilskud som næste trin. Praktikken vælges ud fra borgerens erfaring, ikke fra ledige pladser.",
        "nyankomne",
        "beskaeftigelse",
        "helhedsorienteret_beskaeftigelse",
        "dokumenteret_effekt",
        "Evaluering med sammenligningsgruppe (2022–2024, 640 deltagere): 34 % i ordinær beskæftigelse efter 18 måneder mod 22 % i sammenligningsgruppen.",
        "Demo: opdigtet erfaring – Københavns Kommune, Jobcenter",
    ),
    (
        "0657",
        Stage::Published,
        "Netværksgrupper for kvinder langt fra arbejdsmarkedet",
        "Kvinder, der har været i Danmark i flere år uden job, mødes i grupper på otte med en jobkonsulent og en tidligere deltager som rollemodel. Gruppen besøger arbejdspladser sammen, og hver kvinde får en praktik, når hun er klar.",
        "kvinder",
        "beskaeftigelse",
        "helhedsorienteret_beskaeftigelse",
        "lovende",
        "7 hold (54 kvinder) 2023–2025. 22 kom i løntimer (41 %), heraf 13 i ordinært job over 15 timer ugentligt. Fremmøde 86 %.",
        "Demo: opdigtet erfaring – Herning Kommune, Jobcenter",
    ),
    (
        "0167",
        Stage::Published,
        "Cykelkursus og kørekortsteori som vej til job",
        "Kvinder lærer at cykle på ti lørdage med frivillige fra cykelklubben og kan derefter tage kørekortsteori på dansk med støtte. Mobilitet er ofte det, der spærrer for job uden for lokalområdet.",
        "kvinder",
        "beskaeftigelse",
        "helhedsorienteret_beskaeftigelse",
        "lokal_erfaring",
        "44 kvinder lærte at cykle 2024–2025; 11 har bestået teoriprøven. 9 fik job, de selv siger, at de ikke kunne have nået uden cykel.",
        "Demo: opdigtet erfaring – Hvidovre Kommune og Hvidovre Cykelklub",
    ),
    (
        "0370",
        Stage::Published,
        "Sundhedsindsats og job samtidig for borgere med smerter",
        "Borgere med kroniske smerter får et forløb hos kommunens fysioterapeut parallelt med en skånsom virksomhedspraktik, i stedet for at vente på at blive raske først.",
        "laengere_i_landet",
        "helbred",
        "helhedsorienteret_beskaeftigelse",
        "lovende",
        "58 borgere 2024–2025; 19 fik løntimer, 31 øgede deres praktiktimer fra under 10 til 15 eller flere om ugen.",
        "Demo: opdigtet erfaring – Næstved Kommune, Jobcenter og Sundhed",
    ),
    (
        "0661",
        Stage::Submitted,
        "Fælles virksomhedsindsats med nabokommunerne",
        "Tre kommuner deler virksomhedskonsulenter og jobordrer, så en borger kan få job i nabokommunen uden nyt sagsforløb.",
        "alle",
        "beskaeftigelse",
        "helhedsorienteret_beskaeftigelse",
        "lokal_erfaring",
        "96 jobordrer delt i 2025; 23 borgere fik job i en nabokommune.",
        "Demo: opdigtet erfaring – Holstebro Kommune",
    ),
    // 4. Investering i børn og deres forældre
    (
        "0183",
        Stage::Published,
        "Tidlig sprogstimulering i dagtilbud med forældreworkshops",
        "Pædagoger arbejder med dialogisk læsning i små grupper tre gange om ugen, og forældrene inviteres til fire workshops om sprog i hjemmet på eget modersmål og dansk.",
        "boern_og_foraeldre",
        "boern_og_skole",
        "boern_og_foraeldre",
        "dokumenteret_effekt",
        "Sprogvurdering af 210 børn 2023–2025: andelen med behov for særlig sprogindsats ved skolestart faldt fra 38 % til 24 %; en sammenligning med børn i dagtilbud uden indsatsen viste 9 procentpoint færre.",
        "Demo: opdigtet erfaring – Ishøj Kommune, Dagtilbud",
    ),
    (
        "0165",
        Stage::Published,
        "Forældrecafé på skolen",
        "Forældre mødes hver anden uge på skolen med en lærer og en kulturmedarbejder om skolens hverdag: forældremøder, AULA, lektier og lejrskole. Mødet er åbent og uden tilmelding.",
        "boern_og_foraeldre",
        "boern_og_skole",
        "boern_og_foraeldre",
        "lokal_erfaring",
        "I snit 14 forældre pr. gang i skoleåret 2024/25. Fremmøde til skole-hjem-samtaler blandt tosprogede forældre steg fra 71 % til 89 %.",
        "Demo: opdigtet erfaring – Albertslund Kommune, Herstedlund Skole",
    ),
    (
        "0461",
        Stage::Published,
        "Sundhedsplejerske med tolk til familier med spædbørn",
        "Sundhedsplejersken tilbyder fem ekstra hjemmebesøg med fast tolk til nyankomne familier med børn under et år, med fokus på søvn, amning, sprog og trivsel.",
        "boern_og_foraeldre",
        "helbred",
        "boern_og_foraeldre",
        "lovende",
        "86 familier 2024–2025; 97 % tog imod alle besøg. Andelen af børn, der var i dagtilbud ved 1 år, steg fra 45 % til 68 %.",
        "Demo: opdigtet erfaring – Odense Kommune, Sundhedsplejen",
    ),
    (
        "0151",
        Stage::Published,
        "Dialogmøder om negativ social kontrol",
        "Skolens ledelse, SSP og en ekstern rådgiver holder dialogmøder med elever i 7.–9. klasse og separate møder med forældre om frihed, ansvar og rettigheder. Lærerne får en handleguide til bekymringer.",
        "boern_og_foraeldre",
        "boern_og_skole",
        "boern_og_foraeldre",
        "lokal_erfaring",
        "Møder på 4 skoler i 2025 (ca. 600 elever, 140 forældre). Antallet af henvendelser til skolens trivselsteam om social kontrol steg fra 3 til 14 – tolket som mere åbenhed.",
        "Demo: opdigtet erfaring – Ballerup Kommune, SSP",
    ),
    (
        "0751",
        Stage::Published,
        "Forældrekursus med tolk: at være forælder i Danmark",
        "Otte aftener for forældre i små grupper på eget sprog med tolk: grænser uden vold, ros og rutiner, samarbejdet med dagtilbud og skole, og hvordan børn vokser op mellem to kulturer. Forløbet bygger på et manualbaseret forældreprogram og afsluttes med et fælles møde med barnets lærer eller pædagog.",
        "foraeldre",
        "boern_og_skole",
        "boern_og_foraeldre",
        "lovende",
        "112 forældre 2024–2025, 86 % gennemførte. Forældrenes egen vurdering af konflikter i hjemmet faldt; skolerne meldte færre udeblivelser fra skole-hjem-samtaler (fra 19 % til 7 %).",
        "Demo: opdigtet erfaring – Aarhus Kommune, Familiecentret",
    ),
    (
        "0167",
        Stage::Published,
        "Forældregrupper om negativ social kontrol",
        "Forældre mødes fem gange med en familierådgiver og en rollemodel fra lokalsamfundet om frihed under ansvar, unges fritidsliv, kærester og uddannelsesvalg. Grupperne holdes på arabisk, somali og dari, og forældrene får en kontaktperson, hvis de er bekymrede.",
        "foraeldre",
        "boern_og_skole",
        "boern_og_foraeldre",
        "lokal_erfaring",
        "7 grupper med 64 forældre i 2025. 9 familier tog selv kontakt til familierådgiveren bagefter; skolernes trivselsteams oplevede, at forældrene oftere kom til møder om deres unge.",
        "Demo: opdigtet erfaring – Hvidovre Kommune, Børn og Familie",
    ),
    (
        "0259",
        Stage::Published,
        "Fritidspas til alle børn i familier på integrationsydelse",
        "Børn får et fritidspas, der dækker kontingent og udstyr i en forening i et år, og en frivillig foreningsguide følger barnet de første gange.",
        "boern_og_foraeldre",
        "faellesskab_og_fritid",
        "boern_og_foraeldre",
        "lovende",
        "137 børn fik fritidspas 2024–2025; 102 (74 %) var stadig aktive efter et år. Forældrene deltog i 41 % af tilfældene selv i foreningen.",
        "Demo: opdigtet erfaring – Køge Kommune, Kultur og Fritid",
    ),
    (
        "",
        Stage::Draft,
        "Familiekurser om skolestart",
        "Tre aftener for forældre før skolestart om skolens forventninger.",
        "boern_og_foraeldre",
        "boern_og_skole",
        "boern_og_foraeldre",
        "lokal_erfaring",
        "Første hold i foråret.",
        "Demo: opdigtet erfaring – Dagtilbud og skole",
    ),
    // 5. Styrkede danskkundskaber
    (
        "0630",
        Stage::Published,
        "Erhvervsrettet sprogkursus på virksomheden",
        "Sprogcentrets lærer underviser to formiddage om ugen på virksomheden med udgangspunkt i arbejdsopgaverne. En kollega er sprogmakker og taler dansk med kursisten i pauserne.",
        "nyankomne",
        "sprog",
        "danskkundskaber",
        "lovende",
        "Fire virksomheder, 47 kursister 2024–2025. 74 % bestod modultest inden for planlagt tid (sprogcentret i alt: 58 %). 21 kursister blev fastansat.",
        "Demo: opdigtet erfaring – Vejle Kommune og Sprogcenter Vejle",
    ),
    (
        "0316",
        Stage::Published,
        "Danskuddannelse om aftenen for borgere i job",
        "Kursister, der er kommet i job, kan fortsætte på DU om aftenen og online, så de ikke må vælge mellem job og sprog.",
        "alle",
        "sprog",
        "danskkundskaber",
        "lokal_erfaring",
        "112 kursister i 2025; frafald 23 % (dagholdene før omlægningen: 39 % blandt kursister i job).",
        "Demo: opdigtet erfaring – Holbæk Kommune, Sprogcenter Holbæk",
    ),
    (
        "0851",
        Stage::Published,
        "Regional rammeaftale om danskuddannelse og IGU-kurser",
        "Fem kommuner køber danskuddannelse og IGU-kurser i én fælles rammeaftale, så små hold kan samles på tværs og udbydes oftere.",
        "nyankomne",
        "sprog",
        "danskkundskaber",
        "lovende",
        "Ventetid fra henvisning til start faldt fra 31 til 12 dage i gennemsnit; 6 IGU-kurser, der ellers ikke var blevet oprettet, kom i gang.",
        "Demo: opdigtet erfaring – Aalborg Kommune for fem nordjyske kommuner",
    ),
    (
        "0101",
        Stage::Published,
        "Sprogcafé for kvinder med børnepasning",
        "Kvinder på barsel eller hjemme med små børn mødes i sprogcafé to formiddage om ugen, mens frivillige passer børnene i lokalet ved siden af.",
        "kvinder",
        "sprog",
        "danskkundskaber",
        "lokal_erfaring",
        "68 kvinder deltog i 2025, i snit 17 pr. gang; 23 er siden startet på danskuddannelse.",
        "Demo: opdigtet erfaring – Københavns Kommune, Bydelsmødrene og biblioteket",
    ),
    (
        "0751",
        Stage::Submitted,
        "Sprogmakkere fra seniorklubben",
        "Pensionister fra seniorklubben mødes med en kursist en time om ugen til samtale og hverdagsdansk.",
        "alle",
        "sprog",
        "danskkundskaber",
        "lokal_erfaring",
        "35 par i 2025; 80 % mødtes stadig efter tre måneder.",
        "Demo: opdigtet erfaring – Aarhus Kommune, Aktivitetscentrene",
    ),
    // 6. Lokale partnerskaber om integration
    (
        "0657",
        Stage::Published,
        "Partnerskabsaftale med boligorganisationerne om spredning",
        "Kommunen og tre boligorganisationer aftaler hvert år, hvor nye flygtninge anvises, så ingen afdeling får mere end en fast andel, og boligsociale medarbejdere tager imod.",
        "nyankomne",
        "bolig",
        "lokale_partnerskaber",
        "lovende",
        "Andelen af nyankomne i permanent bolig inden for 3 måneder steg fra 48 % til 71 % (2023–2025); ingen afdeling over 10 %.",
        "Demo: opdigtet erfaring – Herning Kommune og boligorganisationerne",
    ),
    (
        "0147",
        Stage::Published,
        "Integrationsrådets frivilligforum",
        "Integrationsrådet holder forum fire gange om året for frivillige foreninger, kommunens medarbejdere og nydanskere, med en fælles oversigt over tilbud.",
        "alle",
        "faellesskab_og_fritid",
        "lokale_partnerskaber",
        "lokal_erfaring",
        "31 foreninger deltager; oversigten har 84 tilbud, og 19 nye samarbejder er aftalt på forum.",
        "Demo: opdigtet erfaring – Frederiksberg Kommune, Integrationsrådet",
    ),
    (
        "0461",
        Stage::Published,
        "Virksomhedsnetværk med fagforeningen om IGU",
        "Kommunen, fagforeningen og ti virksomheder i byggeriet mødes hvert kvartal om IGU-pladser, løn og kurser, så pladserne bliver til faste job.",
        "nyankomne",
        "beskaeftigelse",
        "lokale_partnerskaber",
        "lovende",
        "48 IGU-pladser oprettet 2024–2025; 31 forløb gennemført, 24 fastansat bagefter.",
        "Demo: opdigtet erfaring – Odense Kommune og 3F Odense",
    ),
    (
        "0330",
        Stage::Published,
        "Bydelsmødre som brobyggere til sundhedsvæsenet",
        "Uddannede bydelsmødre følger kvinder til lægen, tandlægen og sundhedsplejen og forklarer, hvordan systemet hænger sammen.",
        "kvinder",
        "helbred",
        "lokale_partnerskaber",
        "lokal_erfaring",
        "14 bydelsmødre, 210 ledsagelser i 2025; udeblivelser fra tandlægen blandt de ledsagede faldt fra 28 % til 9 %.",
        "Demo: opdigtet erfaring – Slagelse Kommune og Bydelsmødrene",
    ),
];

/// Comments and questions on published demo methods: (method title, commenting municipality, kind, text).
const COMMENTS: &[(&str, &str, &str, &str)] = &[
    ("Netværksgrupper for kvinder langt fra arbejdsmarkedet", "", "question", "Hvordan fandt I rollemodellerne, og blev de aflønnet?"),
    (
        "Netværksgrupper for kvinder langt fra arbejdsmarkedet",
        "0630",
        "comment",
        "Vi har prøvet noget lignende i Vejle. Virksomhedsbesøgene i grupper var det, kvinderne selv fremhævede.",
    ),
    ("Erhvervsrettet sprogkursus på virksomheden", "", "question", "Hvem betalte lærerens transporttid til virksomheden?"),
    (
        "Tidlig sprogstimulering i dagtilbud med forældreworkshops",
        "0316",
        "comment",
        "Tak for en grundig beskrivelse – vi starter op i to børnehuser efter sommerferien.",
    ),
];

/// Stores the demo methods. The demo municipality's own methods are written by its
/// manager; the others by one editor account per municipality that cannot log in.
pub async fn store_knowledge(store: &Store, own: &MunicipalityCode) -> anyhow::Result<usize> {
    let Some(manager) = store.user_by_login("leder").await? else { return Ok(0) };
    let Some(secretariat) = store.user_by_login("sekretariat").await? else { return Ok(0) };
    let mut made = 0;
    for &(code, stage, title, summary, target_group, life_area, theme, evidence, results, contact) in METHODS {
        let code = if code.is_empty() || code == own.as_str() { own.clone() } else { MunicipalityCode::parse(code)? };
        let (author, author_name) = if &code == own { (manager.id, manager.display_name.clone()) } else { editor(store, &code).await? };
        let fields = MethodFields {
            title: title.into(),
            summary: summary.into(),
            target_group: target_group.into(),
            life_area: life_area.into(),
            theme: theme.into(),
            evidence_level: evidence.into(),
            results: results.into(),
            contact: contact.into(),
        };
        let id = store.create_method(&Tenant::trusted(code.as_str()), author, &author_name, &fields).await?;
        made += 1;
        if stage == Stage::Draft {
            continue;
        }
        store.submit_method_version(id, 1).await?;
        let review = |decision: &'static str, comment: &'static str, version: i64| {
            let name = secretariat.display_name.clone();
            async move { store.review_method_version(id, version, decision, comment, secretariat.id, &name).await }
        };
        match stage {
            Stage::Submitted | Stage::Draft => {}
            Stage::ChangesRequested => {
                review(
                    "request_changes",
                    "Beskriv forløbet mere konkret, og angiv resultater med tal: hvor mange unge, hvor længe, og hvor mange bestod deres fag?",
                    1,
                )
                .await?;
            }
            Stage::Published => {
                review("approve", "", 1).await?;
            }
            Stage::Revised => {
                review("approve", "", 1).await?;
                let versions = store.method_versions(id).await?;
                let v2 = store.new_method_version(id, &versions[0], &author_name).await?;
                let mut changed = fields.clone();
                changed.results.push_str(
                    "\n\nOpfølgning 2025: effekten holdt efter 30 måneder (31 % mod 20 %), og indsatsen er gjort permanent i alle jobcentrets afdelinger.",
                );
                store.update_method_draft(id, v2, &changed, &author_name).await?;
                store.submit_method_version(id, v2).await?;
                review("approve", "Opdateret med opfølgning – godkendt.", v2).await?;
            }
        }
    }
    for &(title, from, kind, body) in COMMENTS {
        let published = store.published_methods().await?;
        let Some(method) = published.iter().find(|m| m.version.title == title) else { continue };
        let (municipality, user, name) = if from.is_empty() {
            let caseworker = store.user_by_login("sagsbehandler").await?.ok_or_else(|| anyhow::anyhow!("demo caseworker missing"))?;
            (own.clone(), caseworker.id, caseworker.display_name)
        } else {
            let code = MunicipalityCode::parse(from)?;
            let (id, name) = editor(store, &code).await?;
            (code, id, name)
        };
        store.add_method_comment(method.version.method_id, Some(municipality.as_str()), user, &name, kind, body).await?;
        if let Some(m) = store.method(method.version.method_id).await? {
            let label = if kind == "question" { "Spørgsmål" } else { "Kommentar" };
            let message = format!("{label} til «{title}» fra {name}: {body}");
            store.notify(&Tenant::trusted(m.municipality_code.as_str()), m.created_by, None, &message, None).await?;
        }
    }
    Ok(made)
}

/// The demo editor of another municipality (created once; no password, so no login).
async fn editor(store: &Store, code: &MunicipalityCode) -> anyhow::Result<(i64, String)> {
    let login = format!("viden-{}", code.as_str());
    if let Some(u) = store.user_by_login(&login).await? {
        return Ok((u.id, u.display_name));
    }
    store.ensure_municipality(code).await?;
    let display_name = format!("Vidensredaktør {} (demo)", code.municipality().name);
    let id = store
        .create_user(&NewUser {
            login,
            display_name: display_name.clone(),
            email: None,
            password_hash: None,
            municipality_code: Some(code.as_str().into()),
            department_id: None,
            role: Role::Manager,
            demo_account: true,
        })
        .await?;
    Ok((id, display_name))
}
