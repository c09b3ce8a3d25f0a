"""Swedish demo content: titles and bodies keyed by the English slugs.

Translated: the catalogue, the onboarding path and the whole "empathy-in-written-replies" course.
"""

from courses.demo_content.en import callout, heading, key_takeaways, paragraph, sop_steps

TAKEAWAYS = "Att ta med sig"

WHAT_EMPATHY_LOOKS_LIKE = [
    heading("Kunden kan inte höra din röst"),
    paragraph(
        "<p>I telefon bär tonfallet en stor del av budskapet. I mejl och chatt bär orden allt, "
        "och kunden läser dem när hen redan har det jobbigt, ofta två gånger. Empati i text "
        "betyder att orden i sig visar att en riktig människa har läst meddelandet och förstått "
        "vad det betyder för kunden.</p>"
    ),
    heading("Bekräfta det specifika, inte det allmänna"),
    paragraph(
        "<p>”Vi beklagar eventuella olägenheter” säger ingenting. Meningen kan klistras in i "
        "vilket svar som helst, och kunderna vet det. Jämför:</p>"
        "<blockquote>Jag är ledsen att din uppkoppling bröts tre gånger under dina "
        "jobbsamtal i går. Det är ju precis då du behöver att den fungerar.</blockquote>"
        "<p>Den andra versionen säger vad som hände och varför det spelade roll. Den tar tio "
        "sekunder längre att skriva.</p>"
    ),
    callout(
        "tip",
        "Hitta konsekvensen",
        "<p>Fråga dig innan du svarar vad problemet kostade kunden: tid, pengar, en missad "
        "deadline, känslan av att bli ignorerad. Sätt ord på det i en mening.</p>",
    ),
    heading("Empati är inte att hålla med, och inte att krypa"),
    paragraph(
        "<p>Du kan bekräfta kundens frustration utan att erkänna ett fel som inte är vårt eller "
        "lova något du inte kan hålla. En ärlig bekräftelse räcker. Tre ursäkter i samma mejl "
        "låter inövade och skjuter upp det svar kunden faktiskt vill ha.</p>"
    ),
    key_takeaways(
        "I text bär dina ord hela budskapet.",
        "Säg vad som hände och vad det betydde för kunden.",
        "En uppriktig bekräftelse slår tre standardursäkter.",
        "Empati betyder inte att ta på sig skulden eller lova det omöjliga.",
        title=TAKEAWAYS,
    ),
]

BUILDING_A_REPLY = [
    paragraph(
        "<p>En fast struktur gör bra svar snabbare att skriva och lättare att läsa. Använd den "
        "i varje mejl, och i kortare form i chatten.</p>"
    ),
    sop_steps(
        "Skriv ett svar i fem delar",
        (
            "Hälsa på kunden med namn",
            "Använd det namn kunden skrev under med.",
            "Skriv inte ”Bästa kund”, och använd inte hela det formella namnet från kontot om "
            "kunden skrev under med ”Jussi”.",
        ),
        (
            "Bekräfta situationen i en eller två meningar",
            "Säg vad som hände och hur det påverkade kunden.",
            "Låt inte ”Tack för att du kontaktade oss” vara den enda bekräftelsen.",
        ),
        (
            "Svara eller lös problemet",
            "Ge svaret först och förklaringen efteråt. Använd korta stycken eller numrerade steg.",
            "Göm inte svaret under långa stycken om regler och villkor.",
        ),
        (
            "Säg vad som händer härnäst, och när",
            "Ange en konkret tid: ”senast torsdag”, ”inom två arbetsdagar”.",
            "Skriv inte ”så snart som möjligt” eller ”inom kort”.",
        ),
        (
            "Avsluta och skriv under med ditt eget namn",
            "Be kunden höra av sig om något är oklart.",
            "Skriv inte under med bara ”Kundtjänst”.",
        ),
    ),
    heading("Ett exempel"),
    paragraph(
        "<blockquote>Hej Sanna,<br/><br/>"
        "Jag ser att du har debiterats två gånger för marsfakturan. Det beklagar jag – att "
        "39,90 € plötsligt saknas på kontot är det sista man behöver.<br/><br/>"
        "Jag har återbetalat den andra betalningen i dag. Pengarna kommer tillbaka till kortet "
        "som slutar på 2210 inom fem bankdagar.<br/><br/>"
        "Du behöver inte göra något mer. Om pengarna inte har kommit senast måndag den 14:e kan "
        "du bara svara på det här mejlet, så tar jag hand om det själv.<br/><br/>"
        "Vänliga hälsningar<br/>Aino, Nordlinks kundtjänst</blockquote>"
    ),
    callout(
        "warning",
        "En mall är en början, inte ett svar",
        "<p>Sparade svar sparar tid, men läs kundens meddelande en gång till innan du trycker "
        "på skicka. En mall som svarar på en annan fråga är sämre än ett långsamt svar. Skriv "
        "om de två första meningarna varje gång.</p>",
    ),
    heading("Chatten är annorlunda"),
    paragraph(
        "<ul>"
        "<li>Håll meddelandena korta: en tanke per meddelande.</li>"
        "<li>Säg till när du kollar något: ”Ge mig två minuter medan jag tittar på din "
        "anslutning.”</li>"
        "<li>Lämna inte kunden i tystnad mer än en minut eller två.</li>"
        "<li>Kontrollera att problemet verkligen är löst innan du avslutar.</li>"
        "</ul>"
    ),
    key_takeaways(
        "Namn, bekräftelse, svar, nästa steg, underskrift.",
        "Ge svaret före förklaringen.",
        "En konkret tid slår ”så snart som möjligt”.",
        "Anpassa varje mall, och börja med de två första meningarna.",
        title=TAKEAWAYS,
    ),
]

WORDS_THAT_HELP = [
    heading("Små byten, stor skillnad"),
    paragraph(
        "<ul>"
        "<li>I stället för <i>”Tyvärr kan vi inte...”</i>: börja med vad du <b>kan</b> "
        "göra.</li>"
        "<li>I stället för <i>”Du borde ha...”</i>: skriv <i>”Nästa gång är det snabbaste "
        "sättet att...”</i></li>"
        "<li>I stället för <i>”Som jag skrev i mitt förra mejl”</i>: upprepa poängen, "
        "tydligare den här gången.</li>"
        "<li>I stället för <i>”Enligt vår policy”</i>: förklara skälet bakom regeln.</li>"
        "<li>I stället för <i>”Inga problem”</i>: skriv <i>”Jag hjälper gärna till”</i>.</li>"
        "</ul>"
    ),
    heading("Positivt, men ärligt"),
    paragraph(
        "<p>Positivt språk betyder att börja med det som går att göra. Det betyder inte att "
        "dölja ett nej – kunder genomskådar glättade formuleringar direkt. Var tydlig med vad "
        "som inte går och gå sedan direkt vidare till alternativet:</p>"
        "<blockquote>Jag kan inte betala tillbaka installationsavgiften, eftersom "
        "installationen är gjord. Men jag kan flytta dig till Fibre 100 från och med nästa "
        "månad, så blir din räkning 10 € lägre.</blockquote>"
    ),
    heading("Gör det lätt att läsa"),
    paragraph(
        "<p>Korta meningar. Vardagliga ord. Ingen intern jargong: kunden vet inte vad en ONT, "
        "en PON-lampa eller dagsberäknad debitering är om du inte förklarar det. Läs igenom "
        "svaret en gång som om du vore kunden, gärna halvhögt för dig själv, innan du skickar "
        "det.</p>"
    ),
    callout(
        "policy",
        "Det här skriver vi aldrig",
        "<ul>"
        "<li>Skuld: ”du missade att”, ”du har inte läst”.</li>"
        "<li>Sarkasm, ironi eller skämt på kundens bekostnad.</li>"
        "<li>Kritik mot kollegor eller andra team.</li>"
        "<li>Löften utanför våra regler, inte ens för att få avsluta en besvärlig tråd.</li>"
        "<li>Hela ord med versaler.</li>"
        "</ul>",
    ),
    key_takeaways(
        "Börja med det du kan göra.",
        "Var ärlig med ett nej och erbjud sedan det bästa alternativet.",
        "Förklara skälet, inte regeln.",
        "Skippa jargongen och läs svaret så som kunden kommer att läsa det.",
        title=TAKEAWAYS,
    ),
]

TRANSLATION: dict = {
    "catalogue": {
        "title": "Kurskatalog",
        "intro": (
            "<p>Korta, praktiska kurser om våra produkter, våra rutiner och konsten att prata "
            "med kunder, så att du kan hjälpa människor på ett bra sätt redan från din allra "
            "första kontakt.</p>"
        ),
    },
    "courses": {
        "empathy-in-written-replies": {
            "title": "Empati i skriftliga svar",
            "summary": (
                "Skriv mejl- och chattsvar som låter som en människa som har läst meddelandet: "
                "en konkret bekräftelse, ett tydligt svar och ett tydligt nästa steg."
            ),
            "lessons": {
                "what-empathy-looks-like-in-writing": {
                    "title": "Hur empati ser ut i text",
                    "body": WHAT_EMPATHY_LOOKS_LIKE,
                },
                "building-a-reply": {
                    "title": "Att bygga upp ett svar",
                    "body": BUILDING_A_REPLY,
                },
                "words-that-help": {
                    "title": "Ord som hjälper, ord som stjälper",
                    "body": WORDS_THAT_HELP,
                },
            },
        },
    },
    "paths": {
        "first-two-weeks": {
            "title": "De två första veckorna",
            "intro": (
                "<p>Dina två första veckor på Nordlink: hur vi skyddar kundernas uppgifter, vad "
                "vi säljer, hur du skriver till kunder och de rutiner du använder varje dag. Gå "
                "igenom kurserna i ordning. Varje kurs ska vara klar en viss dag, räknat från "
                "den dag du börjar.</p>"
            ),
        },
    },
}
