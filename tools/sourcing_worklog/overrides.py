EVENT_EDITS = {
 "nato-bucharest-summit-2008": dict(
    date="2008-04-03", end_date="", public_from="2008-04-03",
    title="NATO Bucharest declaration: Ukraine and Georgia 'will become members'",
    summary="At the Bucharest summit (2-4 April 2008) NATO leaders adopted a declaration on 3 April saying that Ukraine and Georgia will become members, but, with France and Germany opposed, granted neither a Membership Action Plan and left the question to foreign ministers in December.",
    notes="The summit ran 2-4 April 2008; under the course's convention the event is dated by the day the declaration was adopted (see date_alternatives.csv).",
    essay_check="", check_public_from=""),
 "ukraine-map-request-2008": dict(
    essay_check="p08 says the 1990s 'inaction' 'encouraged the former Soviet republics of Ukraine and Georgia to apply for NATO membership'. The first steps came years later: both governments named NATO membership as a goal in 2002, and they asked for a Membership Action Plan, the step before an invitation to join, only in January and February 2008. At Bucharest in April 2008 NATO promised membership some day but granted no plan and no invitation.",
    check_public_from="2008-04-03"),
 "georgia-map-request-2008": dict(essay_check="", check_public_from=""),
 "nato-annual-national-programmes-2008": dict(essay_check="", check_public_from=""),
 "ukraine-non-bloc-law-2010": dict(
    essay_check="p08's story of Ukraine seeking NATO membership leaves out that in 2010 Ukraine's parliament adopted non-bloc status, which stood until December 2014.",
    check_public_from="2010-07-01"),
 "black-sea-ferry-hijacking-1996": dict(essay_check="", check_public_from="",
    notes="Bears on p18's point about Turkey's Chechen links: the hijackers came from Turkey's Caucasian diaspora and drew public sympathy, though Ankara ended the hijacking and jailed them."),
 "erdogan-backs-crimean-tatars-2015": dict(essay_check="", check_public_from=""),
 "biryulyovo-riots-2013": dict(
    essay_check="p18 calls Russian nationalism 'increasingly Islamophobic'. The Biryulyovo riot was anti-migrant violence ('Russia for Russians') aimed at migrants from the Caucasus and Central Asia; sources describe it in ethnic rather than religious terms.",
    check_public_from="2013-10-13"),
 "crimea-takeover-unmarked-troops-2014": dict(
    essay_check="p16 calls the takeover of Crimea 'bloodless'. There was little fighting, but people died: two people died in the crush at rival rallies outside the Crimean parliament on 26 February 2014; Crimean Tatar activist Reshat Ametov was abducted on 3 March and found dead in mid-March; and on 18 March a Ukrainian serviceman and a member of the Crimean 'self-defence' were shot dead at a military base in Simferopol.",
    check_public_from="2014-03-18"),
 "simferopol-incident-2014": dict(essay_check="", check_public_from=""),
 "mejlis-banned-2016": dict(essay_check="", check_public_from=""),
 "putin-stab-in-the-back-2015": dict(
    essay_check="p18 says Putin 'labelled the Turkish government' 'accomplices of terrorists'. The quoted words are his (24 November 2015), but he did not name the Turkish government: he spoke of a stab in the back 'by accomplices of terrorists', which listeners took to mean Turkey.",
    check_public_from="2015-11-24"),
 "russian-marine-killed-rescue-2015": dict(
    essay_check="p03 speaks of 'the killing of the Russian pilot' (the standfirst: 'the pilot's death'). Two Russian servicemen died that day: the pilot, Lt Col Oleg Peshkov, shot from the ground by Syrian Turkmen rebels as he came down by parachute, and a marine, Alexander Pozynich, killed when rebels fired on the rescue helicopter.",
    check_public_from="2015-11-24"),
 "su24-shootdown-2015": dict(
    summary="A Turkish F-16 shot down a Russian Su-24M bomber near the Syria-Turkey border; the plane fell in Syria's Latakia province. The pilot, Lt Col Oleg Peshkov, was shot dead from the ground by Syrian Turkmen rebels as he came down by parachute; the navigator, Konstantin Murakhtin, was rescued.",
    essay_check="p16 calls the aircraft 'the Russian Su-34'; it was an Su-24M, as both Turkey and Russia said on the day.",
    check_public_from="2015-11-24"),
 "russia-sanctions-decree-2015": dict(
    essay_check="p17 presents economic sanctions as 'the safest option' open to Russia; Putin had already signed the sanctions decree on 28 November 2015, before the essay appeared, so this describes a choice already made rather than forecasting one.",
    check_public_from="2015-11-28"),
 "putin-federal-assembly-turkey-2015": dict(
    notes="Putin separated the Turkish people from the 'ruling clique'. Turkey dismissed the oil charges as 'Soviet propaganda'.",
    essay_check="p18 says Turkey 'has long maintained a relationship with' Chechens. Two days after the essay Putin accused Turkey of harbouring Chechen militants: that is Moscow's allegation, which Ankara rejected, not independent evidence.",
    check_public_from="2015-12-03"),
 "kurds-take-menagh-russian-air-cover-2016": dict(
    essay_check="p17 says 'Moscow can give military aid to the Kurds'. In February 2016 Russian strikes hit rebels as Kurdish-led forces took Menagh; observers and Ankara read this as air support, which Moscow did not confirm, and no Russian arms deliveries to the Syrian Kurds were confirmed.",
    check_public_from="2016-02-11"),
 "vtsiom-poll-no-compromise-turkey-2016": dict(essay_check="", check_public_from=""),
 "erdogan-accuses-russia-arming-pkk-2016": dict(
    essay_check="Turkey's charge that Russia armed the PKK bears on p17's 'military aid to the Kurds'; it was not independently confirmed."),
 "mh17-shot-down-2014": dict(
    summary="A Malaysia Airlines Boeing 777 flying from Amsterdam to Kuala Lumpur was shot down over the separatist-held Donetsk region of eastern Ukraine, killing all 298 people aboard.",
    notes="What was known when the essay appeared: the Dutch Safety Board found on 13 October 2015 that a Buk surface-to-air missile warhead destroyed the plane. Later: the Joint Investigation Team reported in September 2016 that the Buk had been brought from Russia and fired from separatist-held territory, and in May 2018 that it belonged to Russia's 53rd anti-aircraft missile brigade. Russia denies involvement."),
}
NEW_EVENTS = []
DROP_EVENTS = set()
COVERAGE = {}
RENAME = {}
DROP_SOURCES = set()
EXTRA_SOURCES = []
ALTERNATIVES = []

# --- B1 (Chechnya) ---
EVENT_EDITS["khasavyurt-accord-1996"] = dict(date="1996-08-31", public_from="1996-08-31")
EVENT_EDITS["first-chechen-war-1994-1996"] = dict(end_date="1996-08-31",
    notes="Casualty estimates vary widely (civilian deaths 30,000-100,000). Fighting between Dudayev and a Moscow-backed opposition began in August 1994; the invasion began on 11 December 1994.")
EVENT_EDITS["second-chechen-war-1999-2009"] = dict(date="1999-09-30", public_from="1999-09-30",
    notes="Under the course's convention the war is dated from 30 September 1999, when ground troops entered Chechnya and Putin confirmed combat operations; see date_alternatives.csv for 23 September (Yeltsin's decree, the bombing of Grozny) and 26 August (air strikes on bases in Chechnya).")
ALTERNATIVES += [
 dict(event_id="khasavyurt-accord-1996", field="date", date="1996-08-30", status="disagreement", publisher="RFE/RL", url="https://www.rferl.org/a/1070939.html", why="The talks ran overnight; RFE/RL reports the two men meeting late on 30 August, and the accord was signed on 31 August."),
 dict(event_id="first-chechen-war-1994-1996", field="end_date", date="1996-08-22", status="disagreement", publisher="RFE/RL", url="https://www.rferl.org/a/1070939.html", why="The Novye Atagi truce of 22 August 1996 ended the fighting; the war is dated to the Khasavyurt accord that settled it."),
 dict(event_id="second-chechen-war-1999-2009", field="date", date="1999-09-23", status="disagreement", publisher="Caucasian Knot", url="https://eng.kavkaz-uzel.eu/articles/11267", why="Yeltsin's decree on counter-terrorist operations and the first bombing of Grozny since 1996; that day Putin denied plans for a large-scale operation."),
 dict(event_id="second-chechen-war-1999-2009", field="date", date="1999-08-26", status="disagreement", publisher="BBC", url="http://news.bbc.co.uk/2/hi/europe/430779.stm", why="Russia acknowledged air strikes on bases inside Chechnya, framed as pursuit after the Dagestan incursion; strikes had been reported earlier still."),
]
# --- E2 (shoot-down and aftermath) ---
EVENT_EDITS["vtsiom-poll-turkey-attitude-2015"] = dict(date="2015-12-07", public_from="2015-12-07", period="epilogue",
    notes="Fieldwork 28-29 November 2015 (1,600 respondents, 46 regions, for RIA Novosti); results published on 7 December, after the essay: 73% thought worse of Turkey and 94% were not planning a holiday there.")
EVENT_EDITS["putin-stab-in-the-back-2015"]["essay_check"] = (
    "p18 says Putin 'labelled the Turkish government' 'accomplices of terrorists'. He did not say 'the Turkish government': "
    "on 24 November 2015 he spoke of a stab in the back by 'accomplices of terrorists', in remarks that blamed a Turkish F-16 "
    "and linked ISIL's oil sales to Turkey. The essay's paraphrase is an interpretation, though an obvious one.")
EVENT_EDITS["putin-federal-assembly-turkey-2015"]["essay_check"] = ""
EVENT_EDITS["putin-federal-assembly-turkey-2015"]["check_public_from"] = ""
DROP_EVENTS |= {"levada-poll-turkey-countermeasures-2015"}  # its only source (RBTH) is state media; no independent report found

# --- E1 (Sep-Nov 2015) ---
EVENT_EDITS["hmeimim-airbase-buildup-2015"] = dict(date="2015-09-04", date_precision="day", end_date="2015-09-30", public_from="2015-09-04",
    notes="First reported on 4 September 2015 by the New York Times, citing US officials; the build-up continued until the first strikes on 30 September.")
EVENT_EDITS["hmeimim-deployment-agreement-2015"] = dict(public_from="2016-01-14",
    notes="The text was published on Russia's official legal portal in January 2016 (14 January in copies the checker could not cite; a citable page with the day is still wanted) and ratified in October 2016: its terms were not public when the essay appeared.")
EVENT_EDITS["g20-antalya-2015"] = dict(
    notes="Hurriyet Daily News reports the Putin-Erdogan meeting late on 15 November, around midnight, as the last item of the summit's first day; AP's caption, RIA and the essay's caption say 16 November. The Kremlin's own record was not found.",
    essay_check="The essay's photo caption dates the Putin-Erdogan meeting at the Antalya G20 to 'November 16'; Turkish press reports it late on 15 November, around midnight, while AP and RIA give 16 November. A small point, but the sources disagree.",
    check_public_from="2015-11-16")
EVENT_EDITS["russian-ground-role-syria-2015"] = dict(
    essay_check="p04 says 'for the first time, Russian special forces are fighting alongside Syrian government forces'. When the essay appeared this was contested: Moscow denied a ground role, US officials reported Russian artillery near Hama (7 October), and on 25 November Defence Minister Shoigu said Russian and Syrian special forces had rescued the Su-24's navigator. A standing special-forces presence was acknowledged only in March 2016.",
    check_public_from="2015-11-25")
DROP_SOURCES |= {("new-look-military-reform-2008", "https://spacewar.com/reports/Russia_To_Cut_Military_Personnel_To_One_Million_By_2012_999.html")}  # a repost of RIA on an aggregator
EVENT_EDITS.setdefault("pyd-office-moscow-2016", {})["summary"] = "The PYD-led administration of Syria's Kurdish areas opened its first foreign office in Moscow, without diplomatic status, angering Ankara."
EVENT_EDITS["ukraine-map-request-2008"].update(date="2008-01-15", date_precision="day", public_from="2008-01-16")
EVENT_EDITS["ukraine-map-request-2008"]["essay_check"] = ("p08 says the 1990s 'inaction' 'encouraged the former Soviet republics of Ukraine and Georgia to apply for NATO membership'. "
    "The first steps came later: Georgia's president first said in April 1999 that Georgia would seek membership, Ukraine declared it a goal in May 2002 and Georgia formally at Prague in November 2002; "
    "both asked for a Membership Action Plan, the step before an invitation to join, only in January and February 2008. At Bucharest in April 2008 NATO promised membership some day but granted no plan and no invitation.")
