"""Everyday words of buyers' messages, per language (the first seventeen here, the rest in
:mod:`.wordlists`).

Character n-grams trained on encyclopedia text read short messages poorly: "Refund please."
has too few letters, and Malay and Indonesian share nearly all their spelling. Buyers write
with a small vocabulary (greetings, thanks, order, shipping, refund, function words), and a word
that belongs to one language only (Malay ``tempahan``, ``boleh``; Indonesian ``pesanan``,
``bisa``; Tagalog ``po``) settles a short text. Words common to several languages are listed
under each of them and so only count against the rest.
"""

from __future__ import annotations

from typing import Final

from translation.langid.wordlists import PHRASES, WORDS

_WORDS: Final[dict[str, str]] = {
    "en": """
        a an the and or but if so too just also very much many more any some all
        i i'm im my me mine you your we us our they them their it it's its this that these
        is are was were be been am do does did don didn doesn haven hasn isn wasn won can
        could would will should shall may might have has had got get getting
        not no yes yeah yep nope to of in on for with from at by about into out up as than
        what when where which who why how there here please pls plz thanks thank thx ty tysm
        hello hi hey dear sir madam regards cheers sorry ok okay great good nice perfect
        order ordered orders item items package parcel shipping ship shipped shipment delivery
        deliver delivered arrive arrived arrival received receive refund refunds return returned
        cancel cancelled canceled cancellation exchange still yet already waiting wait reply
        answer update email address payment paid pay charged charge tracking number size
        color colour wrong damaged broken missing help need want like love know let tell check
        accept send sent buy bought price discount coupon code available stock long take takes
        gift wrap week weeks days day today tomorrow soon asap quick fast one two three
        confirmation confirm invoice receipt card credit instead different photo picture
        u ur wanna gonna asap btw got
    """,
    "es": """
        el la los las un una unos unas de del al y o pero que qué si sí no en con por para
        sin sobre mi mis tu tus su sus me te se le lo nos yo usted ustedes es son está están
        estoy fue ser hay tengo tiene tienen tienes puedo puede pueden podrían podría quiero
        quisiera hola gracias muchas mucho muy buenas buenos buen días tardes noches favor
        saludos pedido pedidos envío envio envían envian enviar enviado enviaron paquete
        producto productos llegó llego llegado llegar todavía todavia aún ya recibí recibi
        recibido dinero devolver devolución devolucion reembolso cambiar cambio talla código
        codigo descuento dirección direccion número numero seguimiento cuánto cuanto cuesta
        costo precio cuándo cuando dónde donde cómo como porque ayuda también hacer hice hacen
        regalo todo bien vale nada aquí ahora este esta esto ese esa roto rota cancelar
        cancelen tarjeta crédito credito correo confirmación confirmacion equivoqué ha han he
        porfa xq oye consulta buenas agotado agotada disponible factura aduana impuestos
        color tamaño roto envíen mándenlo tarda demora rastreo
    """,
    "pt": """
        o a os as um uma uns umas de do da dos das ao aos à e ou mas que se sim não nao em no
        na nos nas com por pela pelo para sem sobre meu minha meus minhas seu sua me te eu
        você voce vocês voces é são está estão estou foi ser tem têm tenho posso pode podem
        poderiam quero queria olá ola oi obrigado obrigada muito muita bom boa dia tarde
        noite favor abraço pedido pedidos envio enviar enviam enviado encomenda pacote produto
        produtos chegou chegar ainda já recebi recebido dinheiro devolver devolução reembolso
        reembolsar trocar troca tamanho cupom desconto endereço endereco número numero
        rastreio rastreamento quanto custa frete preço preco quando onde como porque ajuda
        também fazer fiz presente tudo certo bem nada aqui agora esse essa isso este esta
        quebrado quebrada cancelar cancelem cartão cartao crédito credito confirmação
        confirmacao errei dá vai vão pagamento aprovado beleza valeu vlw obg blz tá pra
        cadê esgotado esgotada disponível nota fiscal
        alfândega taxa imposto cor demora enviaram chega
    """,
    "fr": """
        le la les l un une des du de d et ou mais que qu qui quoi si oui non ne n pas plus
        en dans sur sous avec pour par sans je j me m moi mon ma mes tu te ton ta tes vous
        votre vos nous notre nos il elle ils elles on ce c cet cette ces est sont suis êtes
        es ai as a avez avons ont été être fait faire peux peut pouvez pourriez voudrais
        veux bonjour bonsoir salut merci beaucoup svp s'il plaît plait cordialement
        commande commandé commandée colis livraison livrer livrez livré expédié expédiée
        expédition expédier reçu reçue reçois toujours déjà encore rembourser remboursement
        échanger échange taille adresse numéro suivi frais port prix aide aussi cadeau tout
        tous bien d'accord accord combien quand où pourquoi comment quel quelle cassé cassée
        annuler attends attente réponse vérifier carte bancaire paiement virement modèle
        trompé modifier possible partira passé stp bcp slt coucou épuisé épuisée
        disponible facture douane taxes couleur réduction
        remise livré délai
    """,
    "de": """
        der die das den dem des ein eine einen einem einer und oder aber dass wenn ob ja
        nein nicht kein keine keinen noch schon auch nur sehr mit für auf von zu zum zur
        nach bei aus über um ich mich mir mein meine meinen meiner sie ihr ihre ihnen wir
        uns unser du dich dein es ist sind bin bist war habe hast hat haben hatte wird werden
        kann können könnten könnte möchte möchten will wann wo warum wie was welche welcher
        hallo guten tag morgen abend danke dank vielen bitte grüße gruß mfg liebe lieber
        bestellung bestellt bestellnummer paket lieferung liefern geliefert versand versandkosten
        verschickt versendet versenden angekommen erhalten bekommen geld zurück
        rückerstattung erstatten umtauschen umtausch größe gutschein gutscheincode adresse
        sendungsnummer kosten preis hilfe geschenk alles gut super schön kaputt beschädigt
        stornieren warte antwort prüfen ware lager immer falsche falsch bezahlt zahlung
        kreditkarte bestätigung bestätigungsmail geht verpacken modell moin servus grüezi
        ausverkauft verfügbar rechnung zoll steuern farbe rabatt
        lieferzeit dauert
    """,
    "it": """
        il lo la i gli le l un uno una di del dello della dei degli delle al alla e ed o ma
        che se sì no non in con per su da tra fra mi ti ci vi si io tu lui lei noi voi mio
        mia miei mie tuo suo è sono sei siamo siete ho hai ha abbiamo avete hanno stato fatto
        fare posso può potete potreste vorrei voglio ciao salve buongiorno buonasera grazie
        mille prego favore cordiali saluti ordine ordinato ordini pacco spedizione spedite
        spedito spedirete consegna arrivato arrivata ancora già ricevuto ricevuta rimborso
        rimborsare rimborsarmi cambiare cambio taglia codice sconto indirizzo numero
        tracciamento costa prezzo quanto quando dove perché perche come aiuto anche regalo
        tutto bene va questo questa quello rotto rotta annullare annullate attesa risposta
        controllare disponibile sbagliato carta credito bonifico pagamento conferma
        confezione modificarlo verificare buon fine esaurito esaurita fattura dogana
        tasse colore spedito ritardo
    """,
    "id": """
        saya aku kamu anda kak kakak gan min sis bro agan bisa tidak nggak ngga gak ga
        enggak engga sudah udah belum mau ingin pengen kapan berapa bagaimana gimana kenapa
        mengapa dimana apakah apa ini itu yang dan atau dengan untuk dari ke di ada akan sama
        juga lagi masih terima kasih makasih trims tolong mohon ya dong sih nih deh kok aja
        saja banget sekali barang barangnya pesanan pesan pesanannya kirim dikirim
        pengiriman ongkir ongkos sampai uang bayar pembayaran pembayarannya transfer rekening
        harga ukuran tukar ganti diganti rusak batalkan batal nomor resi alamat stok stoknya
        kode promo promonya diskon kado dibungkus bagus diterima cek dicek halo hai selamat
        pagi siang sore malam kartu kredit pakai pas minta tanggal dapat berhasil tapi
        tetapi karena soalnya besok kemarin gratis beli dipakai tahu habis tersedia faktur
        bea cukai pajak warna murah lama
    """,
    "ms": """
        saya awak anda encik cik tuan puan boleh tidak tak sudah dah belum nak mahu hendak
        bila bilakah berapa bagaimana macam mana kenapa mengapa adakah apa ini itu yang dan
        atau dengan untuk dari ke di ada akan sama juga lagi masih terima kasih tolong mohon
        ya je sahaja saja sangat sikit barang tempahan hantar dihantar penghantaran pos kos
        sampai wang duit bayar bayaran pembayaran harga saiz tukar rosak batalkan batal
        nombor alamat stok kod promosi diskaun hadiah dibalut cantik terima helo hai selamat
        pagi petang malam kad kredit guna minta haribulan tiada kerana sebab semak beg lah
        pun emel pengesahan berjaya tetapi tapi penjejakan esok semalam percuma beli
        sebagai pesanan tahu habis tersedia invois kastam cukai warna murah lama
    """,
    "tl": """
        po opo ako ko mo ka kayo ikaw siya sila kami tayo namin natin ninyo nyo niyo ang ng
        mga sa na pa ba rin din lang lamang naman nga yung iyong yun iyon ito nito iyan yan
        ano kailan saan bakit paano magkano ilan may wala meron mayroon hindi oo pwede puwede
        pede gusto salamat maraming magandang umaga hapon gabi araw padala ipapadala ipadala
        nagpapadala dumating natanggap bayad nagbayad nakapagbayad palitan sira mali
        pakicheck pakicancel paki kung kasi tapos sana talaga ganda bang pong yong kailangan
        gamit noong pumasok natatanggap akong kayong papuntang pakipadala nasaan gumagana
        naman ngayon bukas kahapon ubos meron mura kulay matagal tagal
    """,
    "vi": """
        tôi mình bạn anh chị em ạ ơi không có được đã chưa rồi nhé nha với và của cho là
        này đó gì nào sao khi bao nhiêu giờ hàng đơn giao gửi nhận tiền hoàn đổi mã giảm
        giá địa chỉ sai hủy huỷ cảm ơn xin chào thanh toán thẻ chuyển khoản kiểm tra giúp
        còn hỏng vậy muốn hỏi phí quà gói sản phẩm vẫn tới đến lắm nhiều thì bị về dùng
        điền sửa tín dụng xác nhận khong duoc chua nhe giup roi nhieu minh vay
    """,
}

#: English shop words that buyers of every language borrow ("pwede po ba ma-refund?",
#: "Shop có ship về Việt Nam không?"): weak evidence for English.
LOANWORDS: Final = frozenset(
    """
    ok okay order orders shop ship shipping refund size stock item items package tracking email
    e-mail promo code paypal transfer cod online update check admin sale free gift wrap link
    voucher cancel confirm seller customer service hello hi thanks thank sorry please bye
    number fee credit card confirmation
""".split()
)

#: Words that say nothing about the language at all.
NEUTRAL: Final = frozenset({"ok", "okay", "oke", "okey", "k", "kk", "lol", "xd", "hmm", "ah"})

# Phrases of two words, looked up on neighbouring words: mostly Vietnamese typed without
# diacritics, whose syllables alone look like English or Malay words ("cam on" is "cảm ơn").
_PHRASES: Final[dict[str, tuple[str, ...]]] = {
    "vi": (
        "cam on",
        "xin chao",
        "bao nhieu",
        "bao gio",
        "giao hang",
        "don hang",
        "nhan hang",
        "dat hang",
        "hoan tien",
        "doi hang",
        "dia chi",
        "thanh toan",
        "khi nao",
        "gui hang",
    ),
    "en": ("no problem", "how much", "how long", "right now"),
    "id": ("terima kasih", "kayak gimana"),
    "ms": ("terima kasih", "macam mana", "berapa lama"),
}

LEXICON: Final[dict[str, frozenset[str]]] = {
    language: frozenset(_WORDS.get(language, "").split() + WORDS.get(language, "").split())
    for language in {**_WORDS, **WORDS}
}


def languages_of(word: str) -> tuple[str, ...]:
    """The languages whose everyday words include ``word`` (lower case; or a two-word phrase)."""
    return _INDEX.get(word, ())


def _build_index() -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {}
    for language, words in LEXICON.items():
        for word in words:
            index.setdefault(word, []).append(language)
    for language, phrases in [*_PHRASES.items(), *PHRASES.items()]:
        for phrase in phrases:
            index.setdefault(phrase, []).append(language)
    return {word: tuple(sorted(langs)) for word, langs in index.items()}


_INDEX: Final = _build_index()
