"""The sample shop's words: inquiries in eleven languages with their Japanese, the agents'
replies in Japanese with what the buyer read, FAQ entries and templates (``kakehashi demo``).

A kimono and yukata shop in Kyoto, in its third week of selling abroad.
"""

from __future__ import annotations

from dataclasses import dataclass

# Scenarios: what the agents answered (Japanese) and what each buyer read.
REPLIES_JA: dict[str, str] = {
    "shipping": "お問い合わせありがとうございます。ご注文の商品は本日発送いたしました。"
    "追跡番号は JP{order}91 です。到着まで5〜7日ほどお待ちください。",
    "return": "ご不便をおかけして申し訳ございません。未使用の商品は到着後14日以内であれば返品を"
    "承ります。返送用のラベルをメールでお送りします。",
    "size": "お問い合わせありがとうございます。Mサイズは身長155〜165cmの方に合います。"
    "在庫がございますので、そのままご注文いただけます。",
    "customs": "関税はお届け先の国で、受け取りの際にお支払いいただく形になります。"
    "金額は国と商品によって異なります。",
    "address": "承知いたしました。まだ発送前でしたので、お届け先を変更いたしました。",
    "damaged": "大変申し訳ございません。すぐに新しい商品をお送りします。"
    "破損した商品はご返送いただく必要はございません。",
    "invoice": "領収書をPDFでメールにてお送りしました。ご確認をお願いいたします。",
    "restock": "お問い合わせありがとうございます。紺色は来週入荷の予定です。"
    "入荷しましたらご連絡いたします。",
}

REPLIES: dict[str, dict[str, str]] = {
    "en": {
        "shipping": "Thank you for your message. Your order shipped today; the tracking "
        "number is JP{order}91. Please allow 5–7 days for delivery.",
        "return": "We are sorry for the trouble. Unused items can be returned within 14 days "
        "of delivery. We will e-mail you a return label.",
        "size": "Thank you for asking. Size M fits heights of 155–165 cm, and it is in stock.",
        "customs": "Customs duties are paid in your country when the parcel is delivered; the "
        "amount depends on the country and the item.",
        "address": "Certainly. The order had not shipped yet, so we changed the address.",
        "damaged": "We are very sorry. We are sending a new one right away; there is no need "
        "to return the damaged item.",
        "invoice": "We have e-mailed you the invoice as a PDF.",
        "restock": "Thank you for asking. Navy is expected next week; we will let you know.",
    },
    "zh-Hant": {
        "shipping": "感謝您的來信。您的訂單已於今天寄出，追蹤號碼是 JP{order}91，"
        "大約需要5到7天送達。",
        "return": "造成您的不便，非常抱歉。未使用的商品在收到後14天內可以退貨，"
        "我們會以電子郵件寄送退貨標籤。",
        "customs": "關稅由收件國在收貨時收取，金額依國家和商品而定。",
        "damaged": "非常抱歉。我們會立即寄出新的商品，破損的商品不需要寄回。",
        "size": "感謝您的詢問。M號適合身高155到165公分的人，目前有現貨。",
    },
    "zh-Hans": {
        "return": "给您带来不便，非常抱歉。未使用的商品在收到后14天内可以退货，"
        "我们会通过电子邮件发送退货标签。",
        "invoice": "我们已通过电子邮件将发票以PDF格式发送给您。",
        "shipping": "感谢您的来信。您的订单已于今天发货，追踪号码是 JP{order}91，"
        "大约需要5到7天送达。",
    },
    "ko": {
        "shipping": "문의해 주셔서 감사합니다. 주문하신 상품은 오늘 발송되었습니다. "
        "운송장 번호는 JP{order}91이며, 도착까지 5~7일 정도 걸립니다.",
        "size": "문의해 주셔서 감사합니다. M 사이즈는 키 155~165cm에 맞으며, 재고가 있습니다.",
        "restock": "문의해 주셔서 감사합니다. 네이비는 다음 주에 입고될 예정이며, "
        "입고되면 연락드리겠습니다.",
    },
    "es": {
        "size": "Gracias por su consulta. La talla M es para estaturas de 155 a 165 cm y está "
        "disponible.",
        "shipping": "Gracias por su mensaje. Su pedido salió hoy; el número de seguimiento es "
        "JP{order}91. La entrega tarda de 5 a 7 días.",
    },
    "fr": {
        "invoice": "Nous vous avons envoyé la facture en PDF par e-mail.",
        "address": "Bien sûr. La commande n'était pas encore partie : nous avons changé l'adresse.",
    },
    "th": {
        "size": "ขอบคุณที่สอบถามค่ะ ไซซ์ M เหมาะกับความสูง 155–165 ซม. และมีสินค้าพร้อมส่งค่ะ",
    },
    "vi": {
        "address": "Vâng ạ. Đơn hàng chưa được gửi đi nên chúng tôi đã đổi địa chỉ giao hàng.",
    },
    "id": {
        "restock": "Terima kasih atas pertanyaannya. Warna biru tua akan tersedia lagi minggu "
        "depan; kami akan mengabari Anda.",
    },
    "pt": {
        "customs": "Os impostos de importação são pagos no seu país na entrega; o valor depende "
        "do país e do produto.",
        "shipping": "Obrigado pela mensagem. O seu pedido foi enviado hoje; o número de rastreio "
        "é JP{order}91. A entrega demora de 5 a 7 dias.",
    },
    "de": {
        "damaged": "Das tut uns sehr leid. Wir schicken sofort einen neuen Artikel; den "
        "beschädigten müssen Sie nicht zurücksenden.",
        "customs": "Zölle werden in Ihrem Land bei der Zustellung bezahlt; die Höhe hängt vom "
        "Land und vom Artikel ab.",
    },
}


@dataclass(frozen=True)
class DemoInquiry:
    """One conversation of the sample shop."""

    email: str
    name: str
    language: str
    channel: str  # email, chat, api
    scenario: str
    subject: str
    text: str
    text_ja: str
    days_ago: float
    #: open | replied (waiting on the buyer) | resolved | late (answered after the target)
    outcome: str = "open"
    reply_hours: float = 3.0
    score: float = 0.86
    note_ja: str = ""
    #: The buyer wrote again by e-mail, quoting the reply (e-mail threads only).
    follow_up: str = ""
    follow_up_ja: str = ""
    attachment: str = ""


INQUIRIES: tuple[DemoInquiry, ...] = (
    DemoInquiry(
        "emily.carter@example.com",
        "Emily Carter",
        "en",
        "email",
        "shipping",
        "Where is my order #48812?",
        "Hello, I placed order #48812 last Monday but haven't received a shipping "
        "confirmation yet. Could you tell me when it will ship?",
        "こんにちは。先週の月曜日に注文 #48812 をしましたが、まだ発送の連絡がありません。"
        "いつ発送されるか教えていただけますか？",
        15.2,
        "resolved",
        2.5,
        follow_up="Got it, thank you so much! It arrived today and the yukata is beautiful.",
        follow_up_ja="わかりました、ありがとうございます！今日届きました。浴衣がとても素敵です。",
    ),
    DemoInquiry(
        "lin.yating@example.tw",
        "林雅婷",
        "zh-Hant",
        "email",
        "customs",
        "寄送到台灣的關稅",
        "您好，請問寄到台灣需要付關稅嗎？我想買兩件浴衣。",
        "こんにちは。台湾への発送では関税を払う必要がありますか？浴衣を2枚買いたいです。",
        14.8,
        "resolved",
        5.0,
    ),
    DemoInquiry(
        "wang.fang@example.cn",
        "王芳",
        "zh-Hans",
        "email",
        "return",
        "退货申请 48830",
        "你好，我收到的和服颜色和图片不一样，可以退货吗？订单号是 48830。",
        "こんにちは。届いた着物の色が写真と違います。返品できますか？注文番号は 48830 です。",
        14.1,
        "resolved",
        20.0,
        note_ja="写真と実物の色差の指摘は今月3件目。商品ページの写真を撮り直す予定。",
        attachment="kimono-color.jpg",
    ),
    DemoInquiry(
        "minji.kim@example.kr",
        "김민지",
        "ko",
        "chat",
        "shipping",
        "",
        "안녕하세요. 주문한 상품이 아직 안 왔어요. 배송 언제 되나요? 주문번호 48841입니다.",
        "こんにちは。注文した商品がまだ届きません。いつ発送されますか？注文番号は48841です。",
        13.6,
        "resolved",
        1.2,
    ),
    DemoInquiry(
        "somchai@example.co.th",
        "Somchai",
        "th",
        "email",
        "shipping",
        "สอบถามการจัดส่ง",
        "สวัสดีครับ สินค้าที่สั่งไปยังไม่ได้รับเลย ต้องใช้เวลาจัดส่งกี่วันครับ",
        "こんにちは。注文した商品がまだ届いていません。配送には何日かかりますか？",
        13.2,
        "open",
        score=0.31,
        note_ja="タイ語→日本語のモデルは英語経由。訳が怪しいので原文も確認のこと。",
    ),
    DemoInquiry(
        "nguyen.an@example.vn",
        "Nguyễn An",
        "vi",
        "api",
        "address",
        "Đổi địa chỉ giao hàng",
        "Xin chào, tôi muốn đổi địa chỉ giao hàng cho đơn hàng 48850. Có được không ạ?",
        "こんにちは。注文48850のお届け先を変更したいのですが、可能でしょうか？",
        12.9,
        "resolved",
        4.0,
    ),
    DemoInquiry(
        "lucia.garcia@example.es",
        "Lucía García",
        "es",
        "chat",
        "size",
        "",
        "Hola, ¿el kimono de la foto está disponible en talla M? Gracias.",
        "こんにちは。写真の着物はMサイズがありますか？よろしくお願いします。",
        12.5,
        "resolved",
        0.8,
    ),
    DemoInquiry(
        "camille.martin@example.fr",
        "Camille Martin",
        "fr",
        "email",
        "invoice",
        "Facture commande 48862",
        "Bonjour, pourriez-vous m'envoyer une facture pour ma commande 48862 ? Merci beaucoup.",
        "こんにちは。注文48862の請求書を送っていただけますか？よろしくお願いします。",
        12.1,
        "resolved",
        6.0,
    ),
    DemoInquiry(
        "jonas.weber@example.de",
        "Jonas Weber",
        "de",
        "email",
        "damaged",
        "Beschädigte Ware – Bestellung 48871",
        "Guten Tag, die Teeschale aus meiner Bestellung 48871 kam zerbrochen an. "
        "Ich habe ein Foto angehängt.",
        "こんにちは。注文48871の茶碗が割れて届きました。写真を添付します。",
        11.7,
        "resolved",
        3.5,
        attachment="broken-bowl.jpg",
    ),
    DemoInquiry(
        "siti.rahma@example.id",
        "Siti Rahma",
        "id",
        "api",
        "restock",
        "Stok warna biru tua",
        "Halo, apakah yukata warna biru tua akan tersedia lagi? Saya ingin membeli dua.",
        "こんにちは。紺色の浴衣は再入荷しますか？2枚買いたいです。",
        11.3,
        "resolved",
        6.0,
    ),
    DemoInquiry(
        "ana.souza@example.br",
        "Ana Souza",
        "pt",
        "email",
        "customs",
        "Taxas de importação",
        "Olá! Se eu comprar um quimono, vou ter que pagar impostos de importação no Brasil?",
        "こんにちは！着物を買った場合、ブラジルで輸入税を払う必要がありますか？",
        10.9,
        "resolved",
        10.0,
        score=0.52,
    ),
    DemoInquiry(
        "michael.brown@example.com",
        "Michael Brown",
        "en",
        "api",
        "restock",
        "Navy obi restock?",
        "Hi, will the navy obi be back in stock soon? I'd like to order two.",
        "こんにちは。紺色の帯はすぐに再入荷しますか？2本注文したいです。",
        10.4,
        "resolved",
        4.0,
    ),
    DemoInquiry(
        "chen.jiahao@example.tw",
        "陳家豪",
        "zh-Hant",
        "chat",
        "size",
        "",
        "請問這件浴衣M號適合身高170公分的人嗎？",
        "この浴衣のMサイズは身長170cmの人に合いますか？",
        10.0,
        "resolved",
        1.5,
    ),
    DemoInquiry(
        "park.seojun@example.kr",
        "박서준",
        "ko",
        "email",
        "restock",
        "네이비 색상 재입고",
        "안녕하세요, 네이비 색상 유카타는 언제 재입고되나요?",
        "こんにちは。紺色の浴衣はいつ再入荷しますか？",
        9.6,
        "resolved",
        7.0,
    ),
    DemoInquiry(
        "sophie.dubois@example.fr",
        "Sophie Dubois",
        "fr",
        "chat",
        "address",
        "",
        "Bonjour, je me suis trompée d'adresse pour la commande 48903. Pouvez-vous la changer ?",
        "こんにちは。注文48903の住所を間違えました。変更していただけますか？",
        9.2,
        "resolved",
        0.5,
    ),
    DemoInquiry(
        "olivia.smith@example.co.uk",
        "Olivia Smith",
        "en",
        "email",
        "return",
        "Return request – order 48910",
        "Hello, the haori I received is too big. Can I return it for a refund? Order 48910.",
        "こんにちは。届いた羽織が大きすぎました。返品して返金してもらえますか？注文48910です。",
        8.8,
        "late",
        30.0,
    ),
    DemoInquiry(
        "zhang.wei@example.cn",
        "张伟",
        "zh-Hans",
        "api",
        "invoice",
        "需要发票",
        "您好，公司报销需要发票，订单号 48915，可以开吗？",
        "こんにちは。会社の経費精算に請求書が必要です。注文番号48915、発行できますか？",
        8.4,
        "resolved",
        9.0,
    ),
    DemoInquiry(
        "daniel.muller@example.de",
        "Daniel Müller",
        "de",
        "email",
        "customs",
        "Zoll bei Lieferung nach Deutschland",
        "Hallo, muss ich bei einer Lieferung nach Deutschland Zoll bezahlen?",
        "こんにちは。ドイツへの配送では関税を払う必要がありますか？",
        8.0,
        "resolved",
        4.5,
    ),
    DemoInquiry(
        "maria.lopez@example.mx",
        "María López",
        "es",
        "email",
        "shipping",
        "¿Cuándo llega mi pedido 48922?",
        "Hola, hice el pedido 48922 hace una semana. ¿Ya salió?",
        "こんにちは。1週間前に注文48922をしました。もう発送されましたか？",
        7.6,
        "replied",
        2.0,
    ),
    DemoInquiry(
        "tran.minh@example.vn",
        "Trần Minh",
        "vi",
        "chat",
        "size",
        "",
        "Cho mình hỏi kimono size L có dài quá không? Mình cao 160cm.",
        "着物のLサイズは長すぎますか？身長160cmです。",
        7.2,
        "open",
    ),
    DemoInquiry(
        "james.wilson@example.com.au",
        "James Wilson",
        "en",
        "chat",
        "damaged",
        "",
        "Hi, the box arrived crushed and one of the sake cups is chipped. What can you do?",
        "こんにちは。箱がつぶれて届き、おちょこの一つが欠けていました。どうしていただけますか？",
        6.8,
        "resolved",
        1.0,
    ),
    DemoInquiry(
        "huang.meiling@example.tw",
        "黃美玲",
        "zh-Hant",
        "email",
        "return",
        "退貨 48940",
        "您好，我買的帶子和照片顏色差很多，想要退貨。訂單 48940。",
        "こんにちは。買った帯の色が写真とかなり違うので返品したいです。注文48940です。",
        6.4,
        "late",
        28.0,
    ),
    DemoInquiry(
        "lee.jiwoo@example.kr",
        "이지우",
        "ko",
        "api",
        "size",
        "사이즈 문의",
        "M 사이즈 유카타는 키 160cm에게 맞나요?",
        "Mサイズの浴衣は身長160cmに合いますか？",
        6.0,
        "resolved",
        2.0,
    ),
    DemoInquiry(
        "pedro.alves@example.pt",
        "Pedro Alves",
        "pt",
        "chat",
        "shipping",
        "",
        "Bom dia, quanto tempo demora a entrega para Portugal?",
        "おはようございます。ポルトガルへの配送はどのくらいかかりますか？",
        5.6,
        "replied",
        2.0,
    ),
    DemoInquiry(
        "anna.schmidt@example.at",
        "Anna Schmidt",
        "de",
        "api",
        "damaged",
        "Kratzer auf der Lackdose",
        "Guten Tag, die Lackdose hat einen tiefen Kratzer. Bestellung 48955.",
        "こんにちは。漆の箱に深い傷がありました。注文48955です。",
        5.2,
        "resolved",
        5.0,
    ),
    DemoInquiry(
        "kanya.s@example.co.th",
        "Kanya S.",
        "th",
        "chat",
        "size",
        "",
        "ยูกาตะไซซ์ M ใส่ได้ไหมคะ สูง 158 ซม.",
        "浴衣のMサイズは着られますか？身長158cmです。",
        4.8,
        "resolved",
        1.0,
    ),
    DemoInquiry(
        "liu.yang@example.cn",
        "刘洋",
        "zh-Hans",
        "chat",
        "shipping",
        "",
        "你好，我的订单 48961 什么时候发货？",
        "こんにちは。注文48961はいつ発送されますか？",
        4.4,
        "resolved",
        0.7,
    ),
    DemoInquiry(
        "chloe.bernard@example.fr",
        "Chloé Bernard",
        "fr",
        "email",
        "invoice",
        "Facture pour la commande 48966",
        "Bonjour, j'ai besoin d'une facture avec le nom de mon entreprise. Commande 48966.",
        "こんにちは。会社名入りの請求書が必要です。注文48966です。",
        4.0,
        "replied",
        8.0,
    ),
    DemoInquiry(
        "noah.johnson@example.com",
        "Noah Johnson",
        "en",
        "email",
        "customs",
        "Customs to the US",
        "Hi! Will I be charged import duties if I order a kimono to California?",
        "こんにちは！カリフォルニアに着物を注文した場合、輸入関税はかかりますか？",
        3.6,
        "replied",
        3.0,
    ),
    DemoInquiry(
        "dewi.lestari@example.id",
        "Dewi Lestari",
        "id",
        "email",
        "return",
        "Pengembalian barang",
        "Halo, yukata yang saya terima terlalu kecil. Bisakah saya menukarnya dengan ukuran L?",
        "こんにちは。届いた浴衣が小さすぎました。Lサイズに交換できますか？",
        3.2,
        "open",
        score=0.47,
    ),
    DemoInquiry(
        "wu.zihan@example.tw",
        "吳子涵",
        "zh-Hant",
        "api",
        "shipping",
        "訂單 48980 出貨了嗎",
        "請問訂單 48980 出貨了嗎？謝謝。",
        "注文48980はもう発送されましたか？よろしくお願いします。",
        2.8,
        "replied",
        4.0,
    ),
    DemoInquiry(
        "choi.yuna@example.kr",
        "최유나",
        "ko",
        "chat",
        "shipping",
        "",
        "배송 조회가 안 돼요. 주문번호 48984입니다.",
        "配送状況が確認できません。注文番号は48984です。",
        2.4,
        "replied",
        1.0,
    ),
    DemoInquiry(
        "carlos.ruiz@example.es",
        "Carlos Ruiz",
        "es",
        "api",
        "shipping",
        "Estado del pedido 48988",
        "Buenas, ¿me podéis decir si el pedido 48988 ya está enviado?",
        "こんにちは。注文48988がもう発送されたか教えていただけますか？",
        2.0,
        "replied",
        5.0,
    ),
    DemoInquiry(
        "lukas.fischer@example.de",
        "Lukas Fischer",
        "de",
        "chat",
        "customs",
        "",
        "Hallo, kommen bei einer Bestellung in die Schweiz Zollgebühren dazu?",
        "こんにちは。スイスへの注文では関税がかかりますか？",
        1.7,
        "open",
    ),
    DemoInquiry(
        "grace.lee@example.sg",
        "Grace Lee",
        "en",
        "chat",
        "size",
        "",
        "Does the M size haori fit someone 168 cm tall?",
        "Mサイズの羽織は身長168cmの人に合いますか？",
        1.4,
        "resolved",
        0.3,
    ),
    DemoInquiry(
        "zhou.xin@example.cn",
        "周欣",
        "zh-Hans",
        "email",
        "return",
        "退货 49001",
        "你好，腰带有污渍，我想退货。订单号 49001。",
        "こんにちは。帯に汚れがあるので返品したいです。注文番号49001です。",
        1.1,
        "open",
        attachment="stain.jpg",
    ),
    DemoInquiry(
        "malee.p@example.co.th",
        "Malee P.",
        "th",
        "api",
        "address",
        "เปลี่ยนที่อยู่จัดส่ง",
        "ขอเปลี่ยนที่อยู่จัดส่งของคำสั่งซื้อ 49005 ได้ไหมคะ",
        "注文49005のお届け先を変更できますか？",
        0.9,
        "open",
    ),
    DemoInquiry(
        "hoang.lan@example.vn",
        "Hoàng Lan",
        "vi",
        "email",
        "restock",
        "Khi nào có hàng lại?",
        "Chào shop, khi nào yukata màu xanh navy có hàng lại ạ?",
        "こんにちは。紺色の浴衣はいつ再入荷しますか？",
        0.7,
        "open",
    ),
    DemoInquiry(
        "ethan.davis@example.ca",
        "Ethan Davis",
        "en",
        "api",
        "address",
        "Change of address – order 49010",
        "Hi, I moved last week. Could you send order 49010 to my new address instead?",
        "こんにちは。先週引っ越しました。注文49010を新しい住所に送っていただけますか？",
        0.5,
        "open",
    ),
    DemoInquiry(
        "kim.haneul@example.kr",
        "김하늘",
        "ko",
        "email",
        "damaged",
        "파손된 상품",
        "찻잔 하나가 깨져서 도착했어요. 사진 보내드립니다. 주문번호 49014.",
        "湯のみが一つ割れて届きました。写真をお送りします。注文番号49014。",
        0.35,
        "open",
    ),
    DemoInquiry(
        "julia.costa@example.br",
        "Júlia Costa",
        "pt",
        "api",
        "invoice",
        "Nota fiscal",
        "Olá, vocês podem emitir uma fatura para o pedido 49018?",
        "こんにちは。注文49018の請求書を発行していただけますか？",
        0.2,
        "open",
    ),
    DemoInquiry(
        "isabel.moreno@example.es",
        "Isabel Moreno",
        "es",
        "email",
        "customs",
        "Aduanas en España",
        "Hola, ¿tendré que pagar aduana si pido un kimono desde España?",
        "こんにちは。スペインから着物を注文した場合、関税を払う必要がありますか？",
        0.1,
        "open",
    ),
    DemoInquiry(
        "hannah.taylor@example.com",
        "Hannah Taylor",
        "en",
        "chat",
        "shipping",
        "",
        "Hello! How long does shipping to the UK usually take?",
        "こんにちは！イギリスへの配送は通常どのくらいかかりますか？",
        0.05,
        "open",
    ),
)

AGENTS: tuple[tuple[str, str, str], ...] = (
    ("demo@kakehashi.example", "デモ 管理者", "admin"),
    ("sato@kakehashi.example", "佐藤 美咲", "agent"),
    ("tanaka@kakehashi.example", "田中 健", "agent"),
)

TEMPLATES: tuple[tuple[str, str, str], ...] = (
    (
        "お問い合わせへのお礼",
        "共通",
        "お問い合わせいただきありがとうございます。\n{本文}\n今後ともどうぞよろしくお願いいたします。",
    ),
    (
        "発送のご案内",
        "配送",
        "お待たせしており申し訳ございません。ご注文（注文番号 {注文番号}）の商品は{発送日}に"
        "発送いたしました。追跡番号は {追跡番号} です。到着まで今しばらくお待ちください。",
    ),
    (
        "返品のご案内",
        "返品・交換",
        "ご不便をおかけして大変申し訳ございません。商品到着後14日以内であれば返品を承ります。"
        "お手数ですが、注文番号 {注文番号} と商品の写真をお送りいただけますでしょうか。",
    ),
    (
        "関税について",
        "配送",
        "関税・輸入消費税はお届け先の国で、受け取りの際にお支払いいただく形になります。"
        "金額は国と商品によって異なりますので、現地の税関にご確認ください。",
    ),
    (
        "お調べします",
        "共通",
        "恐れ入りますが、確認のうえ改めてご連絡いたします。少々お時間をいただけますと幸いです。",
    ),
)


@dataclass(frozen=True)
class DemoFaq:
    slug: str
    category: str
    question_ja: str
    answer_ja: str
    #: locale → (question, answer, state): reviewed, machine, or stale (translates older text)
    translations: dict[str, tuple[str, str, str]]


FAQ: tuple[DemoFaq, ...] = (
    DemoFaq(
        "shipping-time",
        "配送",
        "海外への配送にはどのくらいかかりますか？",
        "通常、発送から5〜7日でお届けします。繁忙期や通関の状況により遅れることがあります。",
        {
            "en": (
                "How long does international shipping take?",
                "Delivery usually takes 5–7 days after dispatch. It can take longer in busy "
                "seasons or when customs are slow.",
                "reviewed",
            ),
            "zh-Hant": (
                "寄送到海外需要多久？",
                "通常在出貨後5到7天送達。旺季或通關情況可能會延遲。",
                "reviewed",
            ),
            "zh-Hans": (
                "寄送到海外需要多久？",
                "通常在发货后5到7天送达。旺季或清关情况可能会延迟。",
                "machine",
            ),
            "ko": (
                "해외 배송은 얼마나 걸리나요?",
                "보통 발송 후 5~7일 안에 도착합니다. 성수기나 통관 상황에 따라 늦어질 수 있습니다.",
                "machine",
            ),
            "es": (
                "¿Cuánto tarda el envío internacional?",
                "La entrega suele tardar de 5 a 7 días tras el envío.",
                "machine",
            ),
        },
    ),
    DemoFaq(
        "customs-duties",
        "配送",
        "関税はかかりますか？",
        "関税・輸入消費税はお届け先の国で、受け取りの際にお支払いいただきます。金額は国と商品によって異なります。",
        {
            "en": (
                "Will I pay customs duties?",
                "Duties and import taxes are paid in your country on delivery; the amount depends "
                "on the country and the item.",
                "reviewed",
            ),
            "zh-Hant": (
                "需要付關稅嗎？",
                "關稅和進口稅在收件國於收貨時支付，金額依國家和商品而定。",
                "reviewed",
            ),
            "de": (
                "Fallen Zollgebühren an?",
                "Zölle und Einfuhrsteuern zahlen Sie bei der Zustellung in Ihrem Land.",
                "machine",
            ),
            "ko": (
                "관세가 부과되나요?",
                "관세와 수입 부가세는 받으실 때 해당 국가에서 지불합니다.",
                "machine",
            ),
        },
    ),
    DemoFaq(
        "returns",
        "返品・交換",
        "返品はできますか？",
        "未使用の商品は、到着後14日以内であれば返品できます。返送用のラベルをメールでお送りします。",
        {
            "en": (
                "Can I return an item?",
                "Unused items can be returned within 7 days of delivery.",
                "stale",
            ),
            "zh-Hant": ("可以退貨嗎？", "未使用的商品在收到後7天內可以退貨。", "stale"),
            "zh-Hans": (
                "可以退货吗？",
                "未使用的商品在收到后14天内可以退货，我们会通过电子邮件发送退货标签。",
                "reviewed",
            ),
            "fr": (
                "Puis-je retourner un article ?",
                "Les articles non utilisés peuvent être retournés sous 14 jours.",
                "machine",
            ),
        },
    ),
    DemoFaq(
        "size-guide",
        "サイズ",
        "サイズの選び方を教えてください。",
        "Sは身長145〜155cm、Mは155〜165cm、Lは165〜175cmの方を目安にしてください。",
        {
            "en": (
                "How do I choose a size?",
                "As a guide: S fits 145–155 cm, M 155–165 cm and L 165–175 cm.",
                "reviewed",
            ),
            "zh-Hant": (
                "如何選擇尺寸？",
                "參考：S適合身高145到155公分，M適合155到165公分，L適合165到175公分。",
                "reviewed",
            ),
            "ko": (
                "사이즈는 어떻게 고르나요?",
                "S는 145~155cm, M은 155~165cm, L은 165~175cm를 기준으로 해 주세요.",
                "reviewed",
            ),
            "es": (
                "¿Cómo elijo la talla?",
                "Como guía: S para 145–155 cm, M para 155–165 cm y L para 165–175 cm.",
                "machine",
            ),
        },
    ),
    DemoFaq(
        "change-address",
        "ご注文",
        "注文後にお届け先を変更できますか？",
        "発送前であれば変更できます。注文番号と新しい住所をお知らせください。",
        {
            "en": (
                "Can I change the delivery address after ordering?",
                "Yes, until the order ships. Send us the order number and the new address.",
                "reviewed",
            ),
            "fr": (
                "Puis-je changer l'adresse de livraison ?",
                "Oui, avant l'expédition. Envoyez-nous le numéro de commande "
                "et la nouvelle adresse.",
                "machine",
            ),
            "vi": (
                "Tôi có thể đổi địa chỉ giao hàng không?",
                "Có thể, trước khi gửi hàng. Hãy cho chúng tôi số đơn hàng và địa chỉ mới.",
                "machine",
            ),
        },
    ),
    DemoFaq(
        "damaged-item",
        "返品・交換",
        "商品が破損していました。",
        "大変申し訳ございません。写真をお送りいただければ、新しい商品をすぐにお送りします。",
        {
            "en": (
                "My item arrived damaged.",
                "We are very sorry. Send us a photo and we will ship a replacement at once.",
                "reviewed",
            ),
            "de": (
                "Mein Artikel kam beschädigt an.",
                "Das tut uns leid. Schicken Sie uns ein Foto, wir senden sofort Ersatz.",
                "machine",
            ),
            "zh-Hant": (
                "商品破損了。",
                "非常抱歉。請寄照片給我們，我們會立即寄出新的商品。",
                "machine",
            ),
        },
    ),
    DemoFaq(
        "payment-methods",
        "お支払い",
        "どの支払い方法が使えますか？",
        "クレジットカード（Visa、Mastercard、American Express）とPayPalをご利用いただけます。",
        {
            "en": (
                "Which payment methods do you accept?",
                "Credit cards (Visa, Mastercard, American Express) and PayPal.",
                "reviewed",
            ),
            "zh-Hant": (
                "可以用哪些付款方式？",
                "可以使用信用卡（Visa、Mastercard、American Express）和PayPal。",
                "machine",
            ),
            "ko": (
                "어떤 결제 방법을 사용할 수 있나요?",
                "신용카드(Visa, Mastercard, American Express)와 PayPal을 사용할 수 있습니다.",
                "machine",
            ),
        },
    ),
    DemoFaq(
        "invoice",
        "お支払い",
        "請求書や領収書はもらえますか？",
        "はい。注文番号と宛名をお知らせいただければ、PDFでメールにてお送りします。",
        {
            "en": (
                "Can I get an invoice?",
                "Yes. Tell us the order number and the name to put on it; we e-mail a PDF.",
                "reviewed",
            ),
            "fr": (
                "Puis-je obtenir une facture ?",
                "Oui. Indiquez-nous le numéro de commande et le nom ; nous envoyons un PDF.",
                "reviewed",
            ),
            "zh-Hans": (
                "可以开发票吗？",
                "可以。请告诉我们订单号和抬头，我们会通过电子邮件发送PDF。",
                "machine",
            ),
        },
    ),
    DemoFaq(
        "restock",
        "商品",
        "品切れの商品は再入荷しますか？",
        "多くの商品は2〜3週間で再入荷します。商品ページの「再入荷のお知らせ」から登録できます。",
        {
            "en": (
                "Will sold-out items come back?",
                "Most items are restocked within 2–3 weeks. Sign up on the item's page to be told.",
                "machine",
            ),
            "ko": (
                "품절된 상품은 재입고되나요?",
                "대부분의 상품은 2~3주 안에 재입고됩니다.",
                "machine",
            ),
            "id": (
                "Apakah barang yang habis akan tersedia lagi?",
                "Sebagian besar barang tersedia lagi dalam 2–3 minggu.",
                "machine",
            ),
        },
    ),
    DemoFaq(
        "kimono-care",
        "商品",
        "着物のお手入れ方法を教えてください。",
        "絹の着物はドライクリーニングをおすすめします。浴衣（綿）は手洗いできます。",
        {
            "en": (
                "How do I care for a kimono?",
                "We recommend dry cleaning for silk kimono; cotton yukata can be washed by hand.",
                "reviewed",
            ),
            "zh-Hant": ("和服要怎麼保養？", "絲綢和服建議乾洗，棉質浴衣可以手洗。", "reviewed"),
            "th": ("ดูแลกิโมโนอย่างไร", "แนะนำให้ซักแห้งสำหรับกิโมโนผ้าไหม ยูกาตะผ้าฝ้ายซักมือได้", "machine"),
        },
    ),
    DemoFaq(
        "gift-wrapping",
        "ご注文",
        "ギフト包装はできますか？",
        "はい、1点につき300円で和紙のギフト包装を承ります。注文時の備考欄にご記入ください。",
        {
            "en": (
                "Do you offer gift wrapping?",
                "Yes, washi-paper gift wrapping is ¥300 per item. Add a note when ordering.",
                "machine",
            ),
            "zh-Hant": ("可以禮品包裝嗎？", "可以，每件300日圓提供和紙禮品包裝。", "machine"),
        },
    ),
)
