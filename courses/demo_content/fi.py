"""Finnish demo content: titles and bodies keyed by the English slugs.

Translated: the catalogue, the onboarding path and the whole "data-protection-on-calls" course.
"""

from courses.demo_content.en import callout, heading, key_takeaways, paragraph, sop_steps

TAKEAWAYS = "Tärkeimmät opit"

WHY_VERIFICATION_MATTERS = [
    heading("Asiakastiedot ovat henkilötietoja"),
    paragraph(
        "<p>Jokaisella Nordlinkin asiakastilillä on tietoja, joista ihminen voidaan tunnistaa "
        "tai joita voidaan käyttää häntä vastaan: nimi, kotiosoite, puhelinnumero, syntymäaika, "
        "mitä hän maksaa ja milloin, mihin hänen reitittimensä on asennettu. "
        "Tietosuojalainsäädännön (GDPR) mukaan kaikki tämä on henkilötietoa, ja saamme kertoa "
        "sitä vain tilin haltijalle tai henkilölle, jonka hän on valtuuttanut.</p>"
        "<p>Puhelussa et näe, kenen kanssa puhut. Tunnistamalla saat sen selville.</p>"
    ),
    heading("Mitä ilman tunnistamista voi tapahtua"),
    paragraph(
        "<p>Tällaisia puheluita asiakaspalveluihin tulee joka viikko:</p>"
        "<ul>"
        "<li>Entinen puoliso soittaa ”päivittääkseen osoitteensa” ja saa selville, minne "
        "asiakas on muuttanut.</li>"
        "<li>Huijari, joka tietää nimen ja puhelinnumeron, pyytää uutta SIM-korttia ja saa sen "
        "jälkeen asiakkaan pankin vahvistuskoodit tekstiviestillä.</li>"
        "<li>Soittaja kysyy ”vain tarkistaakseen saldon” ja käyttää vastausta tehdäkseen "
        "huijaussähköpostista uskottavamman.</li>"
        "</ul>"
        "<p>Kukaan näistä soittajista ei kuulostanut epäilyttävältä. Ne, jotka yrittävät "
        "puhua itsensä toisen tilille, ovat kohteliaita ja kiireisiä, ja he tietävät usein jo "
        "muutaman oikean tiedon. Siksi tunnistamme jokaisen soittajan samalla tavalla, oli hän "
        "kuinka ystävällinen tai kiireinen tahansa.</p>"
    ),
    callout(
        "policy",
        "Ei tunnistamista, ei tilitietoja",
        "<p>Ennen kuin soittaja on tunnistettu, voit kertoa tuotteistamme, hinnoista ja "
        "yleisistä ohjeista, mutta et vahvista, lue ääneen tai muuta mitään tilin tietoja. "
        "<b>Et edes sitä, onko tiliä olemassa.</b></p>",
    ),
    heading("Tunnistaminen suojaa asiakasta ja sinua"),
    paragraph(
        "<p>Osa asiakkaista pitää kysymyksiä turhina. Kerro syy yhdellä lauseella: <i>”Kysyn "
        "nämä kaikilta, jotta kukaan muu ei pääse käsiksi tiliisi.”</i> Useimmat rauhoittuvat "
        "heti, kun kuulevat sen.</p>"
        "<p>Toimintaohje suojaa myös sinua. Jos tunnistit soittajan oikein ja huijari silti "
        "pääsi läpi, vika oli prosessissa, ei sinussa. Jos ohitit vaiheen, tietojen "
        "luovuttaminen jää sinun selitettäväksesi.</p>"
    ),
    callout(
        "tip",
        "Sano se lämpimästi",
        "<p>Tunnistaminen kuulostaa epäluulolta vain, jos sen esittää niin. Kokeile: <i>”Ennen "
        "kuin avaan tilisi, tarkistan kanssasi pari tietoa. Näin tietosi pysyvät "
        "turvassa.”</i></p>",
    ),
    key_takeaways(
        "Kaikki tilin tiedot ovat henkilötietoja, jopa se, että tili on olemassa.",
        "Ystävällinen, kiireinen tai asioista perillä oleva soittaja ei ole tunnistettu soittaja.",
        "Tunnista jokainen soittaja samalla tavalla ja kerro syy yhdellä lauseella.",
        "Ohjeen noudattaminen suojaa sekä asiakasta että sinua.",
        title=TAKEAWAYS,
    ),
]

VERIFYING_A_CALLER = [
    heading("Perustarkistus"),
    paragraph(
        "<p>Puhelimessa tunnistamme kahdessa osassa: jokin, mikä <b>yksilöi</b> tilin, ja "
        "jokin, mikä vain tilin haltijalla <b>on tai minkä vain hän tietää</b>.</p>"
        "<ul>"
        "<li><b>Yksilöi:</b> asiakasnumero tai tilille merkitty puhelinnumero tai "
        "sähköpostiosoite.</li>"
        "<li><b>Vahvista:</b> kertakäyttöinen koodi, jonka lähetämme tekstiviestinä tilille "
        "merkittyyn matkapuhelinnumeroon (ensisijainen tapa), tai asiakkaan nelinumeroinen "
        "turva-PIN.</li>"
        "</ul>"
        "<p>Nimi, osoite ja syntymäaika eivät yksinään riitä: ne on liian helppo löytää "
        "verkosta tai varastetusta lompakosta.</p>"
    ),
    sop_steps(
        "Soittajan tunnistaminen puhelimessa",
        (
            "Kysy asiakasnumeroa tai tilille merkittyä puhelinnumeroa",
            "Hae asiakas CRM:stä ja avaa tili, mutta pidä näkemäsi omana tietonasi.",
            "Älä lue tilillä olevaa nimeä ääneen ja kysy, onko se soittaja.",
        ),
        (
            "Kysy soittajan koko nimi",
            "Tarkista, että se vastaa tilin haltijaa tai valtuutettua yhteyshenkilöä.",
            "Älä johdattele vihjeillä, kuten alkukirjaimella tai kahdella nimivaihtoehdolla.",
        ),
        (
            "Lähetä kertakäyttöinen koodi ja pyydä soittajaa lukemaan se",
            "Kerro, että Nordlinkiltä on tulossa tekstiviesti ja koodi on voimassa 10 minuuttia.",
            "Älä lähetä koodia numeroon, jonka soittaja antaa puhelun aikana, vaan ainoastaan "
            "tilille merkittyyn numeroon.",
        ),
        (
            "Jos koodia ei voi käyttää, kysy turva-PIN",
            "Hyväksy vain täsmälleen oikea PIN. Kolme väärää yritystä lukitsee "
            "PIN-tunnistuksen 24 tunniksi.",
            "Älä anna vihjeitä äläkä hyväksy vastausta ”siinä on ainakin nelonen”.",
        ),
        (
            "Kirjaa tulos yhteydenoton muistiinpanoon",
            "Kirjoita ”Tunnistettu: tekstiviestikoodi”, ”Tunnistettu: PIN” tai ”Ei "
            "tunnistettu” sekä syy.",
            "Älä koskaan kirjoita muistiinpanoon PIN-koodia tai kertakäyttöistä koodia.",
        ),
    ),
    heading("Kun tunnistaminen epäonnistuu"),
    paragraph(
        "<p>Oikeakin asiakas voi joskus epäonnistua: hänellä on uusi puhelin, tai hän unohti "
        "PIN-koodinsa vuosia sitten. Ole avulias avaamatta tiliä. Voit vastata yleisiin "
        "kysymyksiin, neuvoa PIN-koodin vaihtamisessa My Nordlink -sovelluksessa tai ehdottaa, "
        "että asiakas kirjautuu sovellukseen ja jatkaa chatissa, jossa hänet on jo "
        "tunnistettu.</p>"
        "<p>Poikkeusta et kuitenkaan koskaan tee siksi, että soittaja ”kuulostaa aidolta”. "
        "Kaikki kuulostavat aidoilta.</p>"
    ),
    callout(
        "warning",
        "Varoitusmerkit",
        "<ul>"
        "<li>Painostus ohittaa vaihe: ”Minulla on kiire, kerro vain...”</li>"
        "<li>Kysymykset siitä, mitä tietoja meillä on: ”Mikä sähköpostiosoite teillä on "
        "minusta?”</li>"
        "<li>Pyyntö vaihtaa puhelinnumero tai sähköpostiosoite ja heti perään uuden SIM-kortin "
        "tilaus.</li>"
        "<li>Joku neuvoo soittajaa kuuluvasti taustalla.</li>"
        "</ul>"
        "<p>Lopeta puhelu kohteliaasti, kirjoita muistiinpano ja avaa <b>Epäilty "
        "väärinkäytös</b> -tapaus, jotta väärinkäytöstiimi voi tarkistaa tilin.</p>",
    ),
    heading("Kun joku soittaa asiakkaan puolesta"),
    paragraph(
        "<p>Puoliso, aikuinen lapsi tai omaishoitaja voi soittaa tilin haltijan puolesta. Voit "
        "auttaa häntä tilin asioissa vain, jos hänet on merkitty valtuutetuksi "
        "yhteyshenkilöksi (CRM, <i>Yhteyshenkilöt</i>-välilehti) tai meillä on rekisteröity "
        "valtakirja. Tunnista silloin <i>hänet</i> samalla tarkistuksella.</p>"
        "<p>Jos häntä ei ole merkitty, anna vain yleistä tietoa tai kysy, voiko tilin haltija "
        "tulla mukaan puheluun. Kun tilin haltija on tunnistettu ja antanut luvan, kirjaa se "
        "ja jatka.</p>"
    ),
    key_takeaways(
        "Tunnista kahdessa osassa: yksilöi tili ja vahvista tekstiviestikoodilla tai "
        "turva-PIN:llä.",
        "Älä johdattele soittajaa: anna hänen itse kertoa tiedot.",
        "Epäonnistunut tarkistus tarkoittaa vain yleistä apua, ei koskaan poikkeusta.",
        "Kolmannen osapuolen on oltava valtuutettu yhteyshenkilö, tai tilin haltijan on "
        "tultava mukaan puheluun.",
        "Kirjaa jokaisen tarkistuksen tulos, mutta älä koskaan koodia tai PIN:iä.",
        title=TAKEAWAYS,
    ),
]

CARD_DETAILS = [
    heading("Korttinumerot eivät koskaan kulje sinun kauttasi"),
    paragraph(
        "<p>Korttimaksuja koskee PCI DSS, maksukorttialan tietoturvastandardi. Yksinkertaisin "
        "tapa pitää korttitiedot turvassa on, ettei asiakaspalvelija koskaan kuule, näe tai "
        "kirjoita niitä.</p>"
        "<p>Siksi Nordlink ottaa puhelimessa korttimaksut vastaan <b>turvallisen "
        "maksulinjan</b> kautta: yhdistät asiakkaan automaattiseen näppäilypalveluun, hän "
        "näppäilee korttitiedot puhelimellaan, ja näytölläsi näkyy vain ”hyväksytty” tai "
        "”hylätty”. Puhelun tallennus keskeytyy automaattisesti maksun ajaksi.</p>"
    ),
    callout(
        "policy",
        "Älä koskaan lue koko kortin numeroa ääneen",
        "<p>Tunnistetulle soittajalle voit vahvistaa tallennetun kortin <b>tyypin ja neljä "
        "viimeistä numeroa</b>. Älä koskaan lue ääneen, kirjoita muistiin tai kysy koko kortin "
        "numeroa, äläkä koskaan kysy kolminumeroista turvakoodia (CVV). Kukaan Nordlinkillä ei "
        "tarvitse sitä turvallisen maksulinjan ulkopuolella.</p>",
    ),
    sop_steps(
        "Korttimaksun vastaanottaminen puhelussa",
        (
            "Tunnista soittaja",
            "Tee perustarkistus ennen kuin puhut avoimista maksuista.",
            "Älä ohita tunnistamista sillä perusteella, että asiakas ”haluaa vain maksaa”.",
        ),
        (
            "Vahvista summa ja se, mitä sillä maksetaan",
            "Lue summa ja laskun numero CRM:stä ja varmista, että asiakas vastaa selvästi kyllä.",
            "Älä pyöristä summaa äläkä arvaa, mistä laskusta on kyse.",
        ),
        (
            "Kerro turvallisesta maksulinjasta ja yhdistä asiakas sinne",
            "Sano: ”Yhdistän sinut turvalliseen näppäilylinjaamme. Pysyn linjalla, mutta en "
            "kuule numeroita.”",
            "Älä tarjoudu ottamaan numeroa itse vastaan, vaikka se olisi nopeampaa.",
        ),
        (
            "Tarkista tulos näytöltä",
            "Vahvista hyväksytty maksu ja anna asiakkaalle maksun viite.",
            "Älä yritä hylättyä korttia uudelleen useammin kuin kaksi kertaa, vaan tarjoa "
            "toista maksutapaa.",
        ),
        (
            "Kirjaa maksu",
            "Kirjoita summa ja maksun viite yhteydenoton muistiinpanoon.",
            "Älä koskaan kirjoita kortin numeroita muistiinpanoihin, tiketteihin tai "
            "chat-viesteihin.",
        ),
    ),
    heading("Kun asiakas alkaa lukea korttinsa numeroa"),
    paragraph(
        "<p>Näin käy joka päivä: avulias asiakas aloittaa ”Se on neljä-viisi-kolme-kaksi...” "
        "ennen kuin ehdit estää. Keskeytä nopeasti ja ystävällisesti:</p>"
        "<blockquote>Anteeksi, että keskeytän. Älä lue korttisi numeroa minulle. Yhdistän "
        "sinut turvalliselle linjallemme, niin kukaan ei kuule sitä, en edes minä.</blockquote>"
        "<p>Jos numeroita ehdittiin sanoa tallennettavassa puhelussa, kerro siitä "
        "tiiminvetäjällesi heti puhelun jälkeen, jotta tallenteen kyseinen kohta voidaan "
        "poistaa.</p>"
    ),
    heading("Chat, sähköposti ja liitteet"),
    paragraph(
        "<p>Kirjallisesti sääntö on sama. Jos asiakas kirjoittaa kortin numeron tai lähettää "
        "kuvan kortistaan, peitä viesti <b>Peitä tiedot</b> -toiminnolla ennen kuin vastaat, "
        "jotta numero katoaa tiketistä. Älä koskaan lainaa viestiä vastauksessasi. Kerro sitten "
        "asiakkaalle, mitä teit ja miksi.</p>"
    ),
    callout(
        "tip",
        "Valmis vastaus",
        "<p><i>”Poistin turvallisuutesi vuoksi korttitiedot viestistäsi. Emme koskaan tarvitse "
        "korttisi numeroa chatissa: voit maksaa turvallisesti My Nordlink -sovelluksessa "
        "kohdassa Laskut.”</i></p>",
    ),
    key_takeaways(
        "Puhelimessa korttimaksut kulkevat aina turvallisen maksulinjan kautta.",
        "Vahvista vain kortin tyyppi ja neljä viimeistä numeroa, ja vain tunnistetulle "
        "soittajalle.",
        "Älä koskaan kysy CVV-koodia äläkä kirjoita kortin numeroita mihinkään.",
        "Keskeytä heti ja ystävällisesti asiakas, joka alkaa lukea korttinsa numeroa.",
        "Peitä korttitiedot chatissa ja sähköpostissa ja kerro asiakkaalle, että teit niin.",
        title=TAKEAWAYS,
    ),
]

TRANSLATION: dict = {
    "catalogue": {
        "title": "Kurssiluettelo",
        "intro": (
            "<p>Lyhyitä ja käytännönläheisiä kursseja tuotteistamme, toimintaohjeistamme ja "
            "asiakkaiden kohtaamisesta, jotta osaat auttaa ihmisiä hyvin heti ensimmäisestä "
            "yhteydenotosta alkaen.</p>"
        ),
    },
    "courses": {
        "data-protection-on-calls": {
            "title": "Tietosuoja puheluissa",
            "summary": (
                "Varmista, kenen kanssa puhut, ennen kuin kerrot mitään, ja käsittele "
                "maksutietoja niin, ettet koskaan näe tai kuule koko kortin numeroa."
            ),
            "lessons": {
                "why-verification-matters": {
                    "title": "Miksi tunnistaminen on tärkeää",
                    "body": WHY_VERIFICATION_MATTERS,
                },
                "verifying-a-caller": {
                    "title": "Soittajan tunnistaminen",
                    "body": VERIFYING_A_CALLER,
                },
                "card-details": {
                    "title": "Korttitiedot",
                    "body": CARD_DETAILS,
                },
            },
        },
    },
    "paths": {
        "first-two-weeks": {
            "title": "Kaksi ensimmäistä viikkoa",
            "intro": (
                "<p>Kaksi ensimmäistä viikkoasi Nordlinkillä: miten suojaamme asiakkaiden "
                "tietoja, mitä myymme, miten kirjoitamme asiakkaille ja mitä toimintaohjeita "
                "käytät joka päivä. Käy kurssit läpi järjestyksessä. Jokaisella kurssilla on "
                "määräpäivä, joka lasketaan aloituspäivästäsi.</p>"
            ),
        },
    },
}
