"""Buyers' everyday words in the languages beyond the first seventeen (see :mod:`.lexicon`).

Function words (pronouns, articles, prepositions, auxiliaries, negation, question words) and the
small vocabulary of a shop (order, parcel, delivery, refund, size, payment, thanks). Close
neighbours are what these lists are for: a word is listed under every language that writes it
so, so shared words count for all of them and only the differences decide. The notes name the
differences each block relies on.
"""

from __future__ import annotations

from typing import Final

# Words Croatian, Serbian (in Latin letters) and Bosnian all write the same way
_SHTOKAVIAN: Final = """
        i a ali ili da ne je su sam si smo ste biti bio bila bilo kako kada zašto koliko
        koji koja koje ja ti on ona mi vi oni moj moja moje vaš vaša vaše moju vašu me mene
        vas vam se u na za od do iz s sa o po kod još već samo hvala molim pozdrav poštovani
        dobar dan dobro jutro paket pošiljka pošiljku dostava dostavu poštarina stigao stigla
        stiglo vratiti novac veličina veličinu boja boju adresa adresu broj praćenje praćenja
        košta plaćanje platio platila kartica karticom račun možete mogu može želim imate ima
        nema nije jeste li ovaj ova ovo taj ta to razbijen razbijena pogrešan pogrešnu carina
        carinu sve opet ću će ćemo ćete čekao čekala čekam sad sada ovdje danas sutra jučer
        puno mnogo malo nego više manje potpuno sasvim drugačija drugačiji slici slika
"""

WORDS: Final[dict[str, str]] = {
    # Catalan: amb, però, els, és, vull, gràcies, moltes; -ció; no ñ, no "muy"
    "ca": """
        el la els les l un una uns unes de del dels d al als i o però que què si sí no en amb
        per sense sobre meu meva meus meves el teu seu seva em et es ens us jo tu vosaltres
        és són sóc està estan estic era ha han he hem heu has hi ho tinc té teniu tenen puc
        pot podeu poden vull voldria hola bon dia bona tarda nit gràcies moltes molt mercès
        si us plau siusplau comanda comandes enviament enviar enviat paquet producte arribat
        encara ja rebut rebre diners tornar retornar devolució reemborsament canviar canvi
        talla codi descompte adreça número seguiment quant costa preu quan on com perquè
        ajuda també fer feu regal tot bé res aquí ara aquest aquesta això aquell trencat
        trencada cancel·lar targeta correu confirmació vaig vau van puguin fa setmana
        setmanes duana mida color blau vermell disponible factura necessito oi doncs gens
        cap cal hauré hauria haurà haurem haureu demano demanar demanat demanada pagar pago
        pagat dos dues tres jo nosaltres vostè vostre vostra
    """,
    # Galician: non, unha, grazas, moitas, aínda, xa, cando, teño, -ción but x for j/g
    "gl": """
        o a os as un unha uns unhas de do da dos das ao aos e ou pero que se si non en no na
        nos nas cun cunha con por pola polo para sen sobre meu miña meus miñas teu túa seu
        súa me te lle vos eu ti vostede é son está están estou foi ser ten teño tedes temos
        teñen podo pode podedes poden quero quería ola bo bos boa boas días tardes noites
        grazas moitas moitos moito moita favor pedido pedidos envío enviar enviado paquete
        produto chegou chegar aínda xa recibín recibido cartos diñeiro devolver devolución
        reembolso cambiar cambio talla código desconto enderezo número seguimento canto
        custa prezo cando onde como porque axuda tamén facer fixen agasallo todo ben nada
        aquí agora este esta isto ese esa iso roto rota cancelar tarxeta correo
        confirmación semana semanas alfándega cor azul vermello dispoñible factura xogo
        cunca levo agardando queda pon vos pagar paguei dous dúas tres terei tería
    """,
    # Esperanto: ĉu, kaj, estas, mi, vi, la, -as/-is/-os verbs, -oj plurals
    "eo": """
        la kaj aŭ sed ke ĉu se jes ne en de da al el kun por pri sen sur per je mi vi li ŝi
        ĝi ni ili mia via lia ŝia nia ilia estas estis estos havas havis povas povus volas
        volus dankon koran multe tre saluton bonan tagon vesperon bonvolu mendo mendon
        mendis pakaĵo pakaĵon sendi sendis sendado alvenis ricevis mono monon redoni ŝanĝi
        grandeco grando adreso adreson numero kiom kostas prezo kiam kie kiel kial kio kiu
        ankaŭ fari donaco ĉio bone nenio ĉi tie nun tiu tiun rompita karto konfirmo ankoraŭ
        jam semajno semajnojn koloro blua ruĝa havebla faktur dogano
    """,
    # Croatian: što, tko, tjedan, tisuća, kruh; ijekavian (mlijeko, gdje, htio); infinitives
    "hr": _SHTOKAVIAN
    + """
        što tko gdje lijepa lijepo narudžba narudžbu narudžbe povrat novca zamijeniti cijena
        tjedan tjedna tjedne tisuća kruh uvijek prije poslije dvije htio htjela vidio mjesto
        mjesec vrijeme promijeniti unaprijed djevojka dijete trebam porculan šalica šalicu
        zdjela učinim učiniti e-poštom zalihi vrijedilo vrijedi bijela bijeli crvena
        ružičasta ružičast jučer tvrtka tvrtke
    """,
    # Serbian (latinica, and ćirilica below): šta, ko, nedelja, hiljada, hleb; ekavian
    # (mleko, gde, hteo, vreme); "da" + present where Croatian writes an infinitive
    "sr": _SHTOKAVIAN
    + """
        šta ko gde lepo lepa porudžbina porudžbinu porudžbine vratim povraćaj zamenim
        zameniti cena nedelja nedelju nedelje hiljada hleb uvek pre posle dve hteo htela
        video mesto mesec vreme promenim promeniti unapred devojka devojku dete treba
        porcelan šolja šolju činija mejl mejlu uopšte ponovo vredelo vredi bela beli roze
        juče firma firme
        и а али или да не је су сам си смо сте бити био била било шта ко како где када
        зашто колико који која које ја ти он она ми ви они мој моја моје ваш ваша ваше
        моју вашу ме мене вас вам се у на за од до из с са о по код још већ само хвала
        лепо молим поздрав поштовани добар дан поруџбина поруџбину поруџбине пакет
        пошиљка достава стигао стигла стигло вратим новац замените величина величину
        боја боју адреса адресу број праћење цена кошта платио платила картица картицом
        недеља недеље хиљада увек пре после две где хтео време промените можете могу
        може желим треба имате има нема није ли овај ова ово разбијен поломљена поломљен
        погрешан погрешну царина царину шоља шољу чинија мејл поново све опет ћу ће
    """,
    # Bosnian: ijekavian like Croatian, but šta, ko, sedmica, hiljada, historija, kahva, lahko
    "bs": _SHTOKAVIAN
    + """
        šta ko gdje lijepa lijepo narudžba narudžbu narudžbe povrat novca zamijeniti cijena
        sedmica sedmicu sedmice hiljada hiljadu hljeb historija kahva kahvu kahve lahko
        lahka uvijek prije poslije dvije htio vidio mjesto mjesec vrijeme promijeniti
        unaprijed trebam porculan šolja šolju dešava skupa uredu vrijedilo vrijedi juče
        firma firme
    """,
    # Spanish and Portuguese additions (the first lists are in lexicon.py): numbers and paying,
    # which Catalan and Galician lists also hold
    "es": "pagar pago pagué pagado dos tres tendré tendría pido pedí",
    "pt": "pagar pago paguei pago dois duas três terei teria peço pedi",
    # Slovenian: in, še, kaj, lahko, naročilo, vendar, sem, ki; no ć/đ; dual (-va, -ma)
    "sl": """
        in ali ampak vendar da ne je so sem si smo ste sta bil bila bilo kaj kdo kako kje
        kdaj zakaj koliko kateri katera jaz ti on ona mi vi oni moj moja moje vaš vaša
        vaše me mi vas vam se v na za od do iz z s o po pri še že samo tudi lahko hvala
        najlepša prosim pozdravljeni lep dober dan jutro naročilo naročila naročil paket
        pošiljka pošiljko dostava dostavo poštnina prispel prispela prispelo vrniti vračilo
        denar denarja zamenjati velikost velikosti barva barvo naslov naslova številka
        sledenje sledenja cena stane plačilo plačal plačala kartica kartico račun teden
        tedna tedne tisoč kruh vedno prej potem dva dve kje hotel mesto mesec čas
        spremeniti vnaprej lahko morem moram imate ima nima ni še ste ta to razbit razbita
        napačen napačno carina carino porcelan skodelica skodelico skleda ki kot zdaj
        danes jutri naj bi zelo
    """,
    # Danish: mig, dig, hvad, efter, nogen, noget, meget, igen, endnu, uge, købe, I/jer
    "da": """
        jeg du han hun vi i jer de mig dig sig os dem min mit mine din dit dine vores jeres
        deres og eller men at som om ikke ja nej er var har havde kan kunne vil ville skal
        skulle må blive blev bliver få fået får med til fra på af for i om under efter
        hvad hvem hvor hvornår hvordan hvorfor hvilken nogen noget meget mange igen endnu
        stadig allerede også kun tak tusind mange hej goddag venlig hilsen ordre ordren
        bestilling bestillingen pakke pakken forsendelse levering leveret sendt modtaget
        modtog fået penge tilbage returnere bytte størrelse farve adresse sporingsnummer
        nummer pris koster betaling betalt kort kvittering uge uger købe købt købte gerne
        venter ventet gået stykker forkert told lager lyserød rød blå nu lige her der
        denne dette disse sådan bare selv heller
    """,
    # Norwegian Bokmål: meg, deg, hva, etter, noen, noe, mye, igjen, ennå, uke, kjøpe, dere
    "nb": """
        jeg du han hun vi dere de meg deg seg oss dem min mitt mine din ditt dine vår vårt
        våre deres og eller men at som om ikke ja nei er var har hadde kan kunne vil ville
        skal skulle må blir ble bli få fått får med til fra på av for i om under etter hva
        hvem hvor når hvordan hvorfor hvilken noen noe mye mange igjen ennå fortsatt
        allerede også bare takk tusen hei god dag vennlig hilsen ordre ordren bestilling
        bestillingen pakke pakken forsendelse levering levert sendt mottatt mottok fått
        penger tilbake returnere bytte størrelse farge adresse sporingsnummer nummer pris
        koster betaling betalt kort kvittering uke uker kjøpe kjøpt kjøpte gjerne venter
        ventet knust feil toll lager rosa rød blå nå her der denne dette disse sånn selv
        heller enn ikkje
    """,
    # Swedish: jag, och, inte, är, har, kan, vad, hur, tack, beställning, ä/ö
    "sv": """
        jag du han hon vi ni de dem mig dig sig oss er min mitt mina din ditt dina vår vårt
        våra deras och eller men att som om inte ja nej är var har hade kan kunde vill
        ville ska skulle måste blir blev bli få fått får med till från på av för i om under
        efter vad vem var när hur varför vilken någon något mycket många igen än fortfarande
        redan också bara tack hej hallå god dag vänliga hälsningar beställning beställningen
        paket paketet leverans levererad skickat skickade mottagit fått pengar tillbaka
        returnera byta storlek färg adress spårningsnummer nummer pris kostar betalning
        betalat kort kvitto vecka veckor köpa köpt köpte gärna väntar väntat trasig fel
        tull lager rosa röd blå nu här där den det denna detta dessa sådan själv heller
        frakt
    """,
    # Czech: jsem, jste, děkuji, prosím, se, co, jak, ř ě ů
    "cs": """
        a i ale nebo že je jsou jsem jsi jsme jste byl byla bylo být mám máte má mají
        můžu můžete může chci chtěl chtěla bych by ne ano co kdo jak kde kdy proč kolik
        který která které já ty on ona my vy oni můj moje moji váš vaše vám vás mi mě mně
        se si v ve na za od do z ze s se o po u k ke ještě už jen také taky děkuji děkuju
        díky prosím dobrý den dobrý dobře objednávka objednávku objednávky balík balíček
        zásilka zásilku doprava dopravu poštovné dorazil dorazila přišel přišla vrátit
        vrácení peníze peněz vyměnit velikost barva barvu adresa adresu číslo sledování
        cena stojí platba zaplatil zaplatila kartou faktura týden týdne týdny tisíc hrnek
        rozbitý rozbitá špatná špatnou clo skladem sklad zatím nebyla nebyl odeslána
        pořád znovu
    """,
    # Slovak: som, ste, ďakujem, prosím, sa, čo, ako, ä ô ĺ ľ
    "sk": """
        a aj ale alebo že je sú som si sme ste bol bola bolo byť mám máte má majú môžem
        môžete môže chcem chcel chcela by nie áno čo kto ako kde kedy prečo koľko ktorý
        ktorá ktoré ja ty on ona my vy oni môj moja moje váš vaša vaše vám vás mi ma mne
        sa si v vo na za od do z zo s so o po u k ku ešte už len tiež ďakujem vďaka prosím
        dobrý deň dobre objednávka objednávku objednávky balík balíček zásielka zásielku
        doprava dopravu poštovné dorazil dorazila prišiel prišla vrátiť vrátenie peniaze
        peňazí vymeniť veľkosť farba farbu adresa adresu číslo sledovanie cena stojí
        platba zaplatil zaplatila kartou faktúra týždeň týždne tisíc hrnček rozbitý rozbitá
        zlá zlú clo sklade sklad zatiaľ nebola nebol odoslaná stále znova pekne
    """,
    # Polish
    "pl": """
        i a ale lub albo że jest są jestem jesteś jesteśmy był była było być mam macie ma
        mają mogę możecie może chcę chciałem chciałam bym by nie tak co kto jak gdzie kiedy
        dlaczego ile który która które ja ty on ona my wy oni mój moja moje wasz wasza
        wasze wam was mi mnie się w we na za od do z ze o po u przy jeszcze już tylko też
        dziękuję dzięki proszę dzień dobry dobrze zamówienie zamówienia paczka paczkę
        przesyłka przesyłkę dostawa dostawy wysyłka dotarła doszła przyszła zwrócić zwrot
        pieniądze pieniędzy wymienić rozmiar kolor adres numer śledzenia cena kosztuje
        płatność zapłaciłem zapłaciłam kartą faktura tydzień tygodnia tysiąc kubek
        zepsuty stłuczona zły złą cło magazynie dostępny czy czemu bardzo
    """,
    # Dutch
    "nl": """
        ik je jij u hij zij ze we wij jullie mij me mijn jouw uw zijn haar ons onze hun
        de het een en of maar dat die dit deze als niet geen wel ja nee is zijn was waren
        heb hebt heeft hebben had kan kun kunt kunnen wil wilt willen zou zal moet mag met
        van voor op in naar uit bij over door om te tot nog al ook alleen wat wie waar
        wanneer hoe waarom welke dank bedankt hartelijk alstublieft alsjeblieft graag hallo
        goedemorgen goedemiddag groeten bestelling bestellingen pakket pakketje verzending
        levering geleverd verzonden ontvangen aangekomen geld terug terugsturen ruilen maat
        kleur adres nummer prijs kost betaling betaald kaart factuur week weken kapot
        verkeerde douane voorraad even nu hier daar
    """,
    # Afrikaans: ek, nie...nie, is, het, jy, julle, asseblief, dankie
    "af": """
        ek jy u hy sy ons julle hulle my jou sy ons die 'n en of maar dat wat as nie geen
        ja nee is was het kan kon wil sal sou moet mag met van vir op in na uit by oor deur
        om te tot nog al ook net wie waar wanneer hoe hoekom watter dankie baie asseblief
        graag hallo goeie môre middag groete bestelling pakkie pakket versending aflewering
        afgelewer gestuur ontvang aangekom geld terug terugstuur omruil grootte kleur adres
        nommer prys kos betaling betaal kaart faktuur week weke gebreek verkeerde doeane
        voorraad nou hier daar hierdie ditsem
    """,
    # Romanian
    "ro": """
        eu tu el ea noi voi ei ele mă te îl o ne vă îi mi îmi meu mea mei mele tău ta
        său sa nostru noastră vostru voastră și sau dar că care ce cine cum unde când
        de ce cât câte nu da este sunt e era am ai are avem aveți au pot poate puteți vreau
        aș vrea cu de la în pe pentru din spre fără despre încă deja doar și mulțumesc
        multumesc mersi vă rog bună ziua seara comanda comandă comenzi colet coletul livrare
        livrarea expediere trimis primit ajuns bani banii înapoi returnez schimb mărime
        mărimea culoare adresa adresă număr urmărire preț costă plată plătit card factură
        săptămână săptămâni spart spartă greșit greșită vamă stoc acum aici acolo acest
        această foarte
    """,
    # Albanian
    "sq": """
        unë ti ai ajo ne ju ata ato më të e i im ime yt jote juaj tuaj jonë dhe ose por që
        se çfarë kush si ku kur pse sa cili cila nuk jo po është janë ishte kam ke ka kemi
        keni kanë mund dua do me në nga për pa mbi te tek ende tashmë vetëm edhe
        faleminderit ju lutem përshëndetje mirëdita mirëmëngjes porosia porosi porosinë
        pakoja paketa dërgesa dërgesën dorëzim dërguar marrë mbërriti arriti para paratë
        kthej ndryshoj masa masë ngjyra ngjyrë adresa adresën numri çmimi kushton pagesa
        pagova kartë faturë javë javësh thyer gabuar doganë stok tani këtu atje ky kjo
        shumë
    """,
    # Hungarian
    "hu": """
        én te ő mi ti ők engem téged nekem neked önnek nektek a az egy és vagy de hogy
        mert ha nem igen is még már csak mi ki hogyan hol mikor miért mennyi melyik van
        vannak volt lesz tudok tudnak tud szeretnék szeretném kérem köszönöm köszi
        kérek jó napot reggelt üdvözlettel rendelés rendelést rendelésem csomag csomagot
        csomagom szállítás szállítási megérkezett küldték kaptam pénz pénzem vissza
        visszaküldeni cserélni méret méretben szín színben cím címet szám ár mennyibe kerül
        fizetés fizettem kártyával számla hét hete törött rossz vám raktáron most itt ott
        ez ezt azt nagyon
    """,
    # Finnish
    "fi": """
        minä sinä hän me te he minun sinun hänen meidän teidän heidän ja tai mutta että
        kun jos ei en et emme ette eivät kyllä on ovat oli olen olet olemme olette voin
        voitte voiko voisitteko haluan haluaisin mitä kuka miten missä milloin miksi
        paljonko mikä kiitos paljon hei moi terveisin ystävällisin tilaus tilaukseni
        tilauksen paketti paketin toimitus toimituksen lähetys saapunut lähetetty saanut
        sain rahat rahani takaisin palauttaa vaihtaa koko koon väri värin osoite numero
        hinta maksaa maksu maksoin kortilla lasku viikko viikon rikki väärä väärän tulli
        varastossa nyt täällä siellä tämä tätä se sen vielä jo myös vain
    """,
    # Estonian
    "et": """
        mina ma sina sa tema ta meie me teie te nemad nad minu mu sinu teie tema ja või
        aga et kui ei jah on oli olen oled oleme olete saan saate saaks saaksite soovin
        tahan mida kes kuidas kus millal miks kui palju milline aitäh tänan tere
        lugupidamisega tellimus tellimust tellimuse pakk paki saatmine tarne kohale
        jõudnud saadetud sain raha tagasi tagastada vahetada suurus suurust värv aadress
        number hind maksab makse maksin kaardiga arve nädal nädalat katki vale toll laos
        nüüd siin seal see seda veel juba ka ainult pole
    """,
    # Lithuanian
    "lt": """
        aš tu jis ji mes jūs jie jos mano tavo jo jos mūsų jūsų jų ir arba bet kad kai jei
        ne taip yra buvo esu esi esame esate galiu galite galėtumėte noriu norėčiau ką kas
        kaip kur kada kodėl kiek kuris kuri ačiū labai prašau laba diena sveiki pagarbiai
        užsakymas užsakymą užsakymo siuntinys siuntinį pristatymas pristatymo atkeliavo
        išsiųstas gavau pinigus pinigai atgal grąžinti pakeisti dydis dydžio spalva
        spalvos adresas adresą numeris kaina kainuoja mokėjimas sumokėjau kortele sąskaita
        savaitė savaites sudužęs netinkamas muitas sandėlyje dabar čia ten šis ši šį
        dar jau tik taip pat
    """,
    # Latvian
    "lv": """
        es tu viņš viņa mēs jūs viņi viņas mans mana tavs tava viņa mūsu jūsu viņu un vai
        bet ka kad ja ne jā ir bija esmu esi esam esat varu varat varētu gribu vēlos ko kas
        kā kur kad kāpēc cik kurš kura paldies liels lūdzu labdien sveiki ar cieņu
        pasūtījums pasūtījumu pasūtījuma paka paku piegāde piegādes pienācis atnāca
        nosūtīts saņēmu naudu nauda atpakaļ atgriezt mainīt izmērs izmēru krāsa krāsā
        adrese adresi numurs cena maksā maksājums samaksāju karti rēķins nedēļa nedēļas
        saplīsis nepareizs muita noliktavā tagad šeit tur šis šī vēl jau tikai arī
    """,
    # Turkish
    "tr": """
        ben sen o biz siz onlar benim senin onun bizim sizin onların ve veya ama fakat ki
        mi mı mu mü ne kim nasıl nerede ne zaman neden niye kaç hangi değil evet hayır var
        yok bir bu şu için ile gibi kadar daha çok hâlâ hala henüz zaten sadece de da
        teşekkürler teşekkür ederim lütfen merhaba iyi günler selam sipariş siparişim
        siparişimi kargo paket teslimat gönderildi geldi ulaştı aldım para paramı iade
        değiştirmek beden renk adres numara takip fiyat ücret ödeme ödedim kartla fatura
        hafta haftadır kırık yanlış gümrük stok stokta şimdi burada orada misiniz musunuz
        miyim
    """,
    # Azerbaijani: ə, -dır, mən, siz, sifariş, təşəkkür
    "az": """
        mən sən o biz siz onlar mənim sənin onun bizim sizin onların və və ya amma ki mi
        mı mu mü nə kim necə harada nə vaxt niyə neçə hansı deyil bəli xeyr var yox bir bu
        həmin üçün ilə kimi qədər daha çox hələ artıq yalnız də da təşəkkür edirəm
        təşəkkürlər sağ olun zəhmət olmasa salam sifariş sifarişim sifarişi bağlama paket
        çatdırılma göndərilib gəldi çatdı aldım pul pulumu geri qaytarmaq dəyişmək ölçü
        ölçüsü rəng ünvan nömrə izləmə qiymət ödəniş ödədim kartla qaimə həftə sınıq
        səhv gömrük anbarda indi burada orada bilərsinizmi edə olar
    """,
    # Welsh
    "cy": """
        fi i ti e hi ni chi nhw fy dy ei ein eich eu a ac neu ond bod os nid ddim na ie
        oes mae roedd yw ydy ydw dw rwy rydw bydd byddai gallu allwch allech hoffwn
        beth pwy sut ble pryd pam faint pa diolch yn fawr os gwelwch dda helo bore da
        archeb archebais parsel cludo anfon anfonwyd cyrraedd cyrhaeddodd cael arian
        ad-daliad dychwelyd newid maint lliw cyfeiriad rhif pris cost talu talais cerdyn
        anfoneb wythnos wythnosau wedi torri anghywir toll stoc nawr yma yno hwn hon y yr
        'r gyda gyda'i i'r
    """,
    # Irish
    "ga": """
        mé tú sé sí muid sibh siad mo do a ár bhur agus nó ach go má ní níl nach an ba
        is tá bhí beidh bhfuil féidir liom libh leat ba mhaith cad cé conas cá cathain
        cén fáth cé mhéad go raibh maith agat agaibh míle le do thoil dia duit daoibh
        ordú ordaigh beart pacáiste seoladh seol tháinig fuair airgead ar ais athrú méid
        dath uimhir praghas íoc d'íoc cárta sonrasc seachtain seachtaine briste mícheart
        custaim stoc anois anseo ansin seo sin fós cheana freisin
    """,
    # Basque
    "eu": """
        ni zu hura gu zuek haiek nire zure bere gure zuen haien eta edo baina ez bai da
        dira zen naiz zara gara zarete dut duzu du dugu duzue dute al nahi dut izan egin
        zer nor nola non noiz zergatik zenbat zein eskerrik asko mesedez kaixo egun on
        arratsalde eskaera eskaerak paketea bidalketa bidali iritsi jaso dirua itzuli
        aldatu tamaina kolorea helbidea zenbakia prezioa balio ordaindu txartela faktura
        astea aste hautsita okerra aduana stockean orain hemen hor hau hori oraindik
        dagoeneko ere bakarrik
    """,
    # Swahili
    "sw": """
        mimi wewe yeye sisi ninyi wao yangu yako yake yetu yenu yao na au lakini kwamba
        kama si ndiyo hapana ni ilikuwa nina una ana tuna mna wana naweza mnaweza nataka
        ningependa nini nani vipi wapi lini kwa nini ngapi gani asante sana tafadhali
        habari jambo salamu oda agizo kifurushi usafirishaji kutuma imetumwa imefika
        nimepokea pesa kurudisha kubadilisha saizi ukubwa rangi anwani namba bei gharama
        malipo nimelipa kadi ankara wiki imevunjika isiyo sahihi forodha stoo sasa hapa
        pale hii huu bado tayari pia tu je
    """,
    # Somali
    "so": """
        aniga adiga isaga iyada annaga idinka iyaga waxaan waxaad waa ma haa maya iyo ama
        laakiin in hadii haddii mahadsanid fadlan salaan dalab dalabkayga xirmo bixin
        gaarsiin lacag celin beddel cabbir midab ciwaan lambar qiimo bixiyay kaar
        toddobaad jaban khalad hadda halkan halkaas kan kani weli sidoo kale kaliya
        maxaa goorma xagee sidee imisa
    """,
    # Russian: ы э ё, что, как, не, заказ, спасибо, пожалуйста
    "ru": """
        я ты он она мы вы они меня мне мой моя моё мои ваш ваша ваше ваши вам вас и или но
        что чтобы как где когда почему сколько какой какая какие кто не нет да это этот эта
        есть был была было будет могу можете может хочу хотел хотела бы в во на с со к ко
        от до из по за о об про для без уже ещё еще только тоже также спасибо пожалуйста
        здравствуйте добрый день привет заказ заказа заказе посылка посылку доставка
        доставку отправили отправите пришёл пришла пришло получил получила деньги вернуть
        возврат обменять поменять размер цвет адрес номер отслеживания цена стоит оплата
        оплатил оплатила картой счёт неделю недели сломан разбит неправильный таможня
        таможне наличии сейчас здесь там очень
    """,
    # Ukrainian: і ї є ґ, що, як, не, замовлення, дякую, будь ласка
    "uk": """
        я ти він вона ми ви вони мене мені мій моя моє мої ваш ваша ваше ваші вам вас і й
        або але що щоб як де коли чому скільки який яка які хто не ні так це цей ця є був
        була було буде можу можете може хочу хотів хотіла би б в у на з зі до від із по за
        про для без вже ще тільки також дякую будь ласка добрий день доброго дня привіт
        вітаю замовлення посилка посилку доставка доставку відправили прийшов прийшла
        прийшло отримав отримала гроші повернути повернення обміняти розмір колір адреса
        адресу номер відстеження ціна коштує оплата оплатив заплатила карткою рахунок
        тиждень тижні розбитий неправильний митниця митниці наявності зараз тут там дуже
        чи мені
    """,
    # Bulgarian: ъ, щ, е (is), ли, не, поръчка, благодаря, моля; articles -та, -то, -ът
    "bg": """
        аз ти той тя ние вие те мен мене ми мой моя мое мои ваш ваша ваше ваши вас ви и
        или но че какво как къде кога защо колко кой коя кое кои не да това този тази е
        са съм си сме сте беше ще мога можете може искам бих в във на с със към от до из
        по за за без вече още само също благодаря моля здравейте добър ден поздрави
        поръчка поръчката поръчки пратка пратката пакет доставка доставката изпратена
        изпратихте пристигна получих пари парите върна връщане сменя смяна размер
        размера цвят адрес адреса номер проследяване цена струва плащане платих карта
        фактура седмица седмици счупен счупена грешен грешна мито митницата наличност
        сега тук там много ли
    """,
    # Macedonian: ѓ ќ ѕ ј љ њ џ, што, како, нарачка, благодарам, ве молам
    "mk": """
        јас ти тој таа ние вие тие мене ми мој моја мое мои ваш ваша ваше ваши вас ви и
        или но дека што како каде кога зошто колку кој која кое кои не да ова овој оваа е
        се сум си сме сте беше ќе можам можете може сакам би во на со кон од до низ по за
        без веќе уште само исто благодарам фала ве молам здраво добар ден поздрав
        нарачка нарачката нарачки пратка пратката пакет испорака испораката испратена
        пристигна добив пари парите вратам враќање сменам замена големина големината
        боја адреса адресата број следење цена чини плаќање платив картичка фактура
        недела недели скршена скршен погрешна погрешен царина залиха сега тука таму многу
        дали сè го ја ги ѝ му ме те ве нѐ сум немам имам добив нарачав платив сакав
        вратив испратив може беа бев бевме има нема тоа овие тоа кутија кутијата шолја
        шолјата скршени нешто ништо сите секогаш денеска утре вчера
    """,
    # Malay words Indonesian says otherwise (cawan/cangkir, kasut/sepatu, kedai/toko ...)
    "ms": """
        cawan pinggan kasut seluar kedai telefon bimbit kereta pejabat betul faham cuba
        jualan poskod tempah bungkusan koyak sudu kena mahal kotak
    """,
    # ... and the Indonesian side
    "id": """
        cangkir piring sepatu celana toko telepon tas mobil kantor benar paham coba paket
        sendok kayak gitu kotak mahal
    """,
    # Kyrgyz
    "ky": """
        мен сен ал биз силер алар менин сенин анын биздин силердин жана же бирок эмне ким
        кантип кайда качан эмнеге канча кайсы жок ооба бар болот болчу керек рахмат сураныч
        саламатсызбы буйрутма посылка жеткирүү жөнөтүлдү келди алдым акча кайтаруу өлчөм
        түс дарек номер баа төлөм карта жума азыр бул ошол дагы эле
    """,
    # Persian: است، را، می، این، من، شما، سفارش، ممنون، لطفاً
    "fa": """
        من تو او ما شما آنها ایشان مرا به از در با برای تا که و یا اما ولی را این آن
        است هست نیست بود بودم هستم هستید دارم دارید دارد داریم نمی می خواهم خواستم
        میخواهم توانم تونم کنم کنید کرد کردم کردید شد شده چه چی کی کجا چرا چطور چگونه
        چقدر چند کدام سلام ممنون متشکرم مرسی لطفا لطفاً خیلی سفارش بسته ارسال رسید
        نرسیده دستم پول برگردانید پس عوض اندازه سایز رنگ آدرس نشانی شماره کد رهگیری
        قیمت هزینه پرداخت کارت فاکتور هفته شکسته اشتباه گمرک موجود الان اینجا آنجا هم
        فقط هنوز دیگر باید
    """,
    # Urdu: ہے، کا، کی، کے، میں، نہیں، آپ، شکریہ، ے ں ہ ٹ ڈ ڑ
    "ur": """
        میں تم وہ ہم آپ انہوں مجھے مجھ میرا میری میرے آپ کا کی کے کو سے پر تک نے اور یا
        لیکن مگر کہ یہ وہ ہے ہیں تھا تھی تھے ہوں ہو گا گی گے نہیں نہ جی ہاں کیا کون کیسے
        کہاں کب کیوں کتنا کتنی کتنے کونسا شکریہ بہت براہ کرم مہربانی السلام علیکم
        آرڈر پارسل ترسیل بھیجا بھیج بھیجیں ملا ملی پہنچا پیسے واپس تبدیل سائز رنگ پتہ
        نمبر ٹریکنگ قیمت خرچہ ادائیگی ادا کارڈ بل ہفتے ہفتہ ٹوٹا غلط کسٹم دستیاب ابھی
        یہاں وہاں بھی صرف چاہیے چاہتا چاہتی سکتا سکتی سکتے رہا رہی رہے
    """,
    # Arabic: هل، في، من، على، إلى، طلب، شكرا، لو سمحت، ة
    "ar": """
        أنا أنت أنتم هو هي نحن هم لي لك لكم في من على إلى الى عن مع و أو لكن أن إن ما
        هل كيف أين متى لماذا كم أي لا نعم هذا هذه ذلك تلك كان كانت يكون أريد أود يمكن
        يمكنكم ممكن شكرا شكراً جزيلا لو سمحت من فضلك السلام عليكم مرحبا طلب طلبي الطلب
        الطلبية شحن الشحن طرد الطرد وصل وصلني استلمت المبلغ استرجاع استرداد تبديل
        المقاس مقاس اللون لون العنوان عنوان رقم التتبع السعر سعر الدفع دفعت بطاقة
        فاتورة أسبوع مكسور خطأ الجمارك متوفر متوفرة الآن هنا هناك أيضا فقط بعد لم
    """,
    # Hindi: है, हैं, का, की, के, में, नहीं, और, मेरा, क्या, कृपया
    "hi": """
        मैं मैंने मुझे मेरा मेरी मेरे तुम आप आपका आपकी आपके हम हमारा वह वे यह ये का की
        के को से में पर तक और या लेकिन कि है हैं था थी थे हूँ हूं हो होगा होगी नहीं न
        हाँ हां क्या कौन कैसे कहाँ कहां कब क्यों कितना कितनी कितने धन्यवाद शुक्रिया
        कृपया नमस्ते ऑर्डर पार्सल डिलीवरी भेजा भेजें मिला मिली मिल गया पैसे वापस बदल
        साइज़ साइज रंग पता नंबर ट्रैकिंग कीमत खर्च भुगतान कार्ड बिल हफ़्ते हफ्ते टूटा
        गलत ग़लत कस्टम उपलब्ध अभी यहाँ वहाँ भी सिर्फ़ चाहिए चाहता चाहती सकता सकती
        सकते रहा रही रहे गया गई
    """,
    # Marathi: आहे, नाही, आणि, मला, मी, माझा, का (question), ळ
    "mr": """
        मी मला माझा माझी माझे तुम्ही तुमचा तुमची तुमचे आम्ही तो ती ते हा ही हे आहे आहेत
        होता होती होते नाही आणि किंवा पण की का काय कोण कसे कुठे केव्हा कधी का किती
        धन्यवाद कृपया नमस्कार ऑर्डर पार्सल डिलिव्हरी पाठवले पाठवा मिळाले मिळाली मिळेल
        पैसे परत बदलू साईज रंग पत्ता क्रमांक नंबर किंमत खर्च पैसे भरले कार्ड आठवडा
        आठवड्यापासून तुटलेली तुटलेला चुकीची चुकीचा उपलब्ध अजून आता इथे तिथे पण फक्त
        हवे हवा करायचा करायची शकतो शकते शकाल येईल होईल झाले आलेली आलेला
    """,
    # Nepali: छ, छैन, हो, मेरो, गर्न, पनि, र, कृपया, हुन्छ
    "ne": """
        म मलाई मेरो मेरा तपाईं तपाईंको तपाईंहरू हामी हाम्रो ऊ उनी यो त्यो यी ती को का की
        लाई बाट मा सम्म र वा तर कि छ छन् छैन छैनन् थियो थिए हो होइन हुन्छ हुँदैन के को
        कसरी कहाँ कहिले किन कति कुन धन्यवाद कृपया नमस्ते अर्डर पार्सल डेलिभरी पठाउनु
        पठाइएको आयो आइपुग्यो पाएँ पैसा फिर्ता साट्न परिवर्तन साइज रङ ठेगाना नम्बर मूल्य
        लाग्छ भुक्तानी तिरेँ कार्ड हप्ता फुटेको गलत भन्सार उपलब्ध अझै अहिले यहाँ त्यहाँ
        पनि मात्र चाहन्छु सक्छु सक्नुहुन्छ गर्न गरिदिनुहोस्
    """,
    # Bengali
    "bn": """
        আমি আমার আমাকে তুমি আপনি আপনার আমরা সে তারা এই ওই এটা ওটা কি কী কে কেন কোথায়
        কখন কত কিভাবে কীভাবে এবং ও বা কিন্তু যে না নেই হ্যাঁ আছে ছিল হবে ধন্যবাদ দয়া
        করে অর্ডার পার্সেল ডেলিভারি পাঠানো পেয়েছি টাকা ফেরত বদলে সাইজ রং ঠিকানা নম্বর
        দাম খরচ পেমেন্ট কার্ড সপ্তাহ ভাঙা ভুল কাস্টমস স্টক এখন এখানে সেখানে শুধু এখনো
    """,
}

#: Two-word phrases (looked up on neighbouring words).
PHRASES: Final[dict[str, tuple[str, ...]]] = {
    "ca": ("si us", "us plau", "moltes gràcies", "bon dia"),
    "gl": ("moitas grazas", "bos días"),
    "da": ("tusind tak", "på forhånd"),
    "nb": ("tusen takk", "på forhånd"),
    "sv": ("tack så", "på förhand"),
    "sr": ("da li", "hvala vam", "да ли"),
    "bs": ("da li", "hiljadu hvala"),
    "hr": ("je li", "hvala vam"),
    "sw": ("asante sana",),
    "ar": ("لو سمحت", "من فضلك", "السلام عليكم"),
    "ur": ("براہ کرم", "السلام علیکم"),
    "mr": ("खूप धन्यवाद",),
    "ne": ("धेरै धन्यवाद",),
    "hi": ("बहुत धन्यवाद",),
}
