"""Support vocabulary shared across languages, so paraphrases meet the FAQ wording.

Each concept lists the ways buyers and shops say the same thing in the languages we serve
(English and other Latin-script languages, Chinese in either script, Japanese, Korean, Thai).
Text that contains any surface form gets the concept token ``#name`` besides its ordinary
tokens, so "money back", "退钱", "환불" and the FAQ's "返金" all carry ``#refund``; the tokens also
let a buyer's question match a Japanese entry when the shop has no translation for it.

Surface forms are matched after :func:`faq_i18n.tokenize.normalize` (so one Chinese spelling,
Traditional or Simplified, covers both). Latin forms match whole words or phrases; a trailing
``*`` makes a prefix ("refund*" matches refunded, refunds). Other scripts match as substrings,
the longest form first.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from faq_i18n.tokenize import normalize

__all__ = ["CONCEPTS", "concept_tokens"]

CONCEPT_PREFIX = "#"

# fmt: off
CONCEPTS: dict[str, tuple[str, ...]] = {
    "abroad": (
        "international*", "overseas", "abroad", "worldwide", "country", "countries",
        "outside japan", "internacional", "ausland", "étranger", "exterior", "luar negeri",
        "海外", "国外", "国际", "境外", "直邮", "直送", "国家", "地区", "国際", "해외", "국제",
        "나라", "국가", "ต่างประเทศ", "ประเทศ", "usa", "america", "canada", "uk", "england",
        "australia", "new zealand", "germany", "france", "spain", "italy", "netherlands",
        "europe", "eu", "brazil", "mexico", "singapore", "malaysia", "thailand", "philippines",
        "indonesia", "vietnam", "korea", "china", "taiwan", "hong kong", "macau", "india",
        "dubai", "sweden", "美国", "加拿大", "英国", "澳大利亚", "澳洲", "新西兰", "德国", "法国",
        "西班牙", "意大利", "欧洲", "巴西", "墨西哥", "新加坡", "马来西亚", "泰国", "菲律宾",
        "印尼", "越南", "韩国", "中国", "大陆", "台湾", "香港", "澳门", "上海", "北京", "广州",
        "深圳", "成都", "台北", "台中", "高雄", "アメリカ", "米国", "カナダ", "イギリス",
        "オーストラリア", "ヨーロッパ", "韓国", "미국", "캐나다", "영국", "호주", "유럽", "한국",
        "서울", "부산", "중국", "대만", "홍콩", "ไทย", "กรุงเทพ",
    ),
    "ship": (
        "ship*", "deliver*", "dispatch*", "send", "sent", "shipment", "post", "mail", "courier",
        "envío", "enviar", "envio", "livraison", "expédition", "versand", "lieferung",
        "pengiriman", "kirim", "giao hàng", "发货", "出货", "配送", "寄", "邮寄", "寄送", "派送",
        "送货", "快递", "运送", "发送", "発送", "お届け", "届け", "送る", "送っ", "배송", "발송",
        "보내", "택배", "ส่ง", "จัดส่ง", "发出", "寄出", "出库", "출고",
    ),
    "delivery_time": (
        "how long", "how many days", "how soon", "eta", "arrival", "arrive", "arrives",
        "estimated", "in time", "几天", "多久", "多长时间", "多少天", "时效", "什么时候到",
        "收得到", "来得及", "日数", "何日", "いつ届", "며칠", "얼마나 걸", "걸리", "걸려", "걸릴",
        "받을 수 있", "กี่วัน", "ใช้เวลา", "reach", "get here", "get to me", "transit time",
        "delivery time", "delivery date", "when will i receive", "when will it arrive",
        "when can i expect", "how fast", "asap", "urgent", "几天到", "多久到", "多快", "到货时间",
        "送达", "急用", "着急", "赶得上", "什么时候能到", "届くまで", "到着", "日かかり",
        "배송 기간", "기간", "언제 와", "언제쯤", "언제 받", "급해", "빨리", "ถึงเมื่อไหร่",
        "กี่วันถึง",
    ),
    "shipping_fee": (
        "shipping fee", "shipping fees", "shipping cost", "shipping costs", "shipping charge",
        "shipping price", "delivery fee", "delivery cost", "postage", "frete", "frais de port",
        "versandkosten", "gastos de envío", "ongkir", "运费", "邮费", "寄费", "快递费", "送料",
        "배송비", "택배비", "배송료", "ค่าส่ง", "ค่าจัดส่ง",
    ),
    "cost": (
        "cost*", "fee", "fees", "price*", "how much", "charge", "charged", "expensive", "cheap*",
        "多少钱", "费用", "价格", "价钱", "多少", "いくら", "料金", "費用", "얼마", "비용",
        "요금", "ราคา", "เท่าไหร่",
    ),
    "free_shipping": (
        "free shipping", "free delivery", "free postage", "envío gratis", "frete grátis",
        "livraison gratuite", "gratis ongkir", "包邮", "免运", "免运费", "送料無料", "무료배송",
        "무료 배송", "ส่งฟรี",
    ),
    "customs": (
        "customs", "duty", "duties", "tax", "taxes", "vat", "gst", "import fee", "import fees",
        "import tax", "import charges", "tariff*", "aduana", "douane", "zoll", "bea cukai",
        "pajak", "关税", "海关", "税", "清关", "通关", "関税", "税関", "消費税", "관세", "세관",
        "세금", "부가세", "통관", "ภาษี", "ศุลกากร", "import vat", "관부가세", "통관번호",
        "개인통관고유부호", "税费",
    ),
    "tracking": (
        "track*", "tracking number", "where is my", "seguimiento", "suivi", "sendungsverfolgung",
        "resi", "rastreio", "追踪", "跟踪", "物流", "单号", "运单", "货态", "查件", "快递单",
        "号码", "追跡", "問い合わせ番号", "송장", "운송장", "추적", "배송조회", "배송 조회",
        "ติดตาม", "เลขพัสดุ", "follow", "trace", "order status", "status of my order",
        "where's my", "locate", "tracking code", "tracking id", "追踪码", "查快递", "查物流",
        "到哪了", "到哪里了", "配送状況", "조회", "어디쯤", "운송장번호", "송장번호", "เช็คพัสดุ",
    ),
    "not_arrived": (
        "not arrived", "hasn't arrived", "hasnt arrived", "has not arrived", "never arrived",
        "haven't received", "havent received", "have not received", "not received",
        "didn't receive", "didnt receive", "still hasn't", "still hasnt", "still not",
        "still waiting", "lost", "missing", "stuck", "hasn't come", "hasnt come", "no llegó",
        "pas reçu", "nicht angekommen", "belum sampai", "没收到", "没有收到", "未收到", "收不到",
        "还没到", "还没收到", "丢", "遗失", "丢件", "没动", "没更新", "沒更新", "届かない",
        "届きません", "届いていない", "紛失", "未着", "못 받", "못받", "안 왔", "안왔", "안 와",
        "분실", "오지 않", "그대로", "ยังไม่ได้รับ", "หาย",
    ),
    "return": (
        "return*", "send back", "send it back", "send them back", "sent back", "devolución",
        "devolver", "retour", "rückgabe", "zurücksenden", "pengembalian", "retur", "退货", "退",
        "退回", "寄回", "退换", "返品", "返送", "반품", "반송", "คืนสินค้า", "ส่งคืน",
    ),
    "refund": (
        "refund*", "money back", "reembolso", "remboursement", "rückerstattung",
        "pengembalian dana", "退款", "退钱", "退费", "入账", "返金", "환불", "คืนเงิน", "เงินคืน",
    ),
    "exchange": (
        "exchang*", "swap*", "bigger size", "smaller size", "cambio", "échange", "umtausch",
        "tukar", "换货", "换", "交換", "交换", "取り替え", "교환", "เปลี่ยนสินค้า",
    ),
    "damaged": (
        "damage*", "broken", "broke", "crack*", "chipped", "shatter*", "defect*", "faulty",
        "crushed", "scratch*", "dented", "roto", "dañado", "cassé", "endommagé", "kaputt",
        "beschädigt", "rusak", "破损", "破", "坏", "碎", "损坏", "瑕疵", "质量问题", "没反应",
        "没有反应", "凹", "破損", "不良", "壊れ", "割れ", "傷", "파손", "깨져", "깨진", "깨졌",
        "불량", "안 켜", "작동", "흠집", "เสียหาย", "แตก", "ชำรุด", "no sound", "won't turn on",
        "doesn't turn on", "不能用", "坏掉", "dent*", "leak*", "torn", "ripped", "stain*", "bent",
        "裂", "缺口", "划痕", "刮花", "变形", "漏", "ひび", "欠け", "へこみ", "금이", "금 갔",
        "깨짐", "찍힘", "스크래치", "찌그러",
    ),
    "wrong_item": (
        "wrong item", "wrong product", "wrong one", "not what i ordered", "not what i bought",
        "someone else", "sent me", "incorrect item", "different item", "instead of", "发错",
        "寄错", "错发", "不一样", "不是我", "違う商品", "違うもの", "間違", "다른 물건",
        "다른 상품", "잘못 배송", "잘못 왔", "ผิด",
    ),
    "pay": (
        "pay", "paid", "paying", "payment*", "checkout", "pago", "pagar", "paiement", "zahlung",
        "bayar", "pembayaran", "付款", "支付", "付", "结账", "刷卡", "扣款", "支払", "決済",
        "결제", "지불", "จ่าย", "ชำระ",
    ),
    "pay_method": (
        "card", "cards", "credit card", "credit cards", "debit*", "visa", "mastercard", "amex",
        "american express", "jcb", "paypal", "apple pay", "google pay", "alipay", "wechat",
        "unionpay", "klarna", "cash on delivery", "cod", "bank transfer", "tarjeta", "carte",
        "kreditkarte", "kartu kredit", "信用卡", "借记卡", "储蓄卡", "银联", "支付宝", "微信",
        "货到付款", "转账", "街口", "line pay", "クレジットカード", "カード", "代金引換", "代引",
        "銀行振込", "카드", "체크카드", "신용카드", "카카오페이", "네이버페이", "페이팔",
        "무통장", "착불", "บัตรเครดิต", "บัตร", "โอนเงิน",
    ),
    "pay_error": (
        "declin*", "error*", "fail*", "reject*", "not going through", "won't go through",
        "doesn't go through", "rechaz*", "refusé", "abgelehnt", "gagal", "失败", "报错", "错误",
        "拒绝", "付不了", "无法付款", "不能付", "付不出", "エラー", "失敗", "決済できない",
        "실패", "오류", "에러", "거절", "ไม่ผ่าน", "ผิดพลาด",
    ),
    "currency": (
        "currenc*", "usd", "dollar*", "euro*", "eur", "yen", "jpy", "exchange rate",
        "exchange rates", "rmb", "cny", "twd", "ntd", "hkd", "krw", "won", "baht", "moneda",
        "devise", "währung", "mata uang", "人民币", "日元", "日币", "日圆", "台币", "港币",
        "美元", "韩元", "汇率", "货币", "币", "通貨", "円", "為替", "ドル", "원화", "엔화",
        "달러", "환율", "통화", "บาท", "สกุลเงิน",
    ),
    "invoice": (
        "invoice*", "receipt*", "reimburse*", "bill", "factura", "facture", "rechnung",
        "kwitansi", "faktur", "发票", "收据", "报销", "报账", "报帐", "抬头", "报关", "領収書",
        "インボイス", "請求書", "영수증", "인보이스", "세금계산서", "ใบเสร็จ", "ใบกำกับภาษี",
        "business name", "company name", "vat number", "tax id", "proof of purchase", "公司名",
        "税号", "사업자", "현금영수증",
    ),
    "gift": (
        "gift*", "present", "wrap*", "note card", "message card", "birthday", "regalo", "cadeau",
        "geschenk", "hadiah", "礼物", "礼品", "包装", "送人", "送朋友", "贺卡", "卡片", "ギフト",
        "ラッピング", "プレゼント", "선물", "포장", "메시지 카드", "ของขวัญ", "ห่อ",
    ),
    "size": (
        "size*", "sizing", "fit", "fits", "medium", "small", "large", "measurement*", "chart",
        "talla", "taille", "größe", "ukuran", "尺码", "尺寸", "码", "大小", "偏小", "偏大",
        "合身", "サイズ", "寸法", "사이즈", "치수", "작게", "크게", "ไซส์", "ขนาด", "too small",
        "too big", "too tight", "tight", "loose", "length", "waist", "chest", "inch*", "height",
        "weight", "太小", "太大", "紧", "身高", "体重", "작아요", "커요", "끼어요", "몸무게",
    ),
    "stock": (
        "restock*", "back in stock", "out of stock", "sold out", "in stock", "stock",
        "available again", "get more", "agotado", "rupture", "ausverkauft", "habis", "补货",
        "缺货", "售罄", "卖完", "售完", "到货", "有货", "库存", "再上", "再进", "再入荷", "在庫",
        "売り切れ", "品切れ", "재입고", "품절", "재고", "입고", "다시 들어오", "สินค้าหมด",
        "สต็อก", "notify me", "waitlist", "没货", "无货", "断货", "上架", "入荷",
    ),
    "limited": (
        "limited*", "限定", "限量", "한정", "ลิมิเต็ด",
    ),
    "cancel": (
        "cancel*", "by mistake", "changed my mind", "don't want", "cancelar", "annuler",
        "stornieren", "batal", "取消", "不想要", "拍错", "下错", "キャンセル", "取り消", "취소",
        "ยกเลิก", "stop my order", "no longer need", "don't need", "不要了", "撤销",
    ),
    "change": (
        "change", "changes", "modify", "switch", "update", "edit", "add", "one more", "cambiar",
        "modifier", "ändern", "ubah", "修改", "更改", "改", "换成", "改成", "加", "追加", "加买",
        "変更", "변경", "바꾸", "바꿔", "수정", "추가", "แก้ไข",
    ),
    "address": (
        "address*", "street", "moved", "postal code", "zip", "dirección", "adresse", "alamat",
        "地址", "搬家", "邮编", "住所", "宛先", "配送先", "引っ越", "주소", "배송지", "이사",
        "ที่อยู่", "postcode", "post code", "zip code", "apartment", "apt", "house number",
        "city", "门牌", "门牌号", "楼层", "收件人", "邮政编码", "番地", "郵便番号", "우편번호",
        "동호수", "상세주소", "รหัสไปรษณีย์",
    ),
    "coupon": (
        "coupon*", "promo*", "discount*", "voucher*", "code", "sale", "cupón", "código",
        "gutschein", "kupon", "kode", "优惠券", "优惠码", "折扣码", "折扣", "优惠", "打折",
        "特价", "クーポン", "割引", "セール", "쿠폰", "할인", "코드", "세일", "คูปอง", "ส่วนลด",
        "โค้ด",
    ),
    "preorder": (
        "pre-order*", "preorder*", "pre order", "pre orders", "release date", "reserva",
        "précommande", "vorbestellung", "预售", "预订", "预购", "预约", "发售", "予約", "発売",
        "예약", "발매", "จอง", "พรีออเดอร์",
    ),
    "warranty": (
        "warrant*", "guarantee*", "repair*", "fix it", "garantía", "garantie", "garansi", "保修",
        "质保", "保固", "维修", "修", "售后", "保証", "修理", "보증", "수리", "고장", "ประกัน",
        "ซ่อม",
    ),
    "support_hours": (
        "business hours", "opening hours", "support hours", "what time", "open", "weekend*",
        "holiday*", "reply", "replied", "respond*", "answer*", "customer service", "support",
        "horario", "horaires", "öffnungszeiten", "jam kerja", "客服", "上班", "工作时间",
        "营业时间", "回复", "没人回", "都没回", "周末", "假日", "节假日", "几点", "営業時間",
        "受付時間", "返信", "土日", "祝日", "고객센터", "운영 시간", "답장", "답변", "주말",
        "공휴일", "몇 시", "เวลาทำการ", "ตอบกลับ", "วันหยุด", "reach you", "contact you",
        "phone number", "call", "live chat", "talk to", "联系", "电话", "電話", "連絡", "연락",
        "전화", "상담",
    ),
    "genuine": (
        "authentic*", "genuine", "real", "fake", "counterfeit", "replica", "falso", "contrefaçon",
        "gefälscht", "asli", "palsu", "正品", "假货", "仿", "真品", "假", "正規品", "本物",
        "偽物", "정품", "가품", "짝퉁", "진품", "ของแท้", "ของปลอม",
    ),
    "account": (
        "account*", "password*", "login", "log in", "sign in", "sign up", "register*", "guest",
        "member*", "contraseña", "mot de passe", "passwort", "kata sandi", "账户", "账号", "密码",
        "登录", "登入", "注册", "会员", "游客", "访客", "アカウント", "パスワード", "ログイン",
        "会員", "登録", "계정", "비밀번호", "로그인", "회원", "가입", "비회원", "บัญชี",
        "รหัสผ่าน", "reset", "logged in", "can't log in",
    ),
}
# fmt: on

_LATIN_WORD = re.compile(
    r"[a-z0-9\u00df-\u024f\u0400-\u04ff]+(?:['’-][a-z\u00df-\u024f\u0400-\u04ff]+)*"
)
_OTHER_SCRIPT = re.compile("[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3\uf900-\ufaff]")


@lru_cache(maxsize=1 << 16)
def _fold_latin(word: str) -> str:
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFD", word.replace("’", "'"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@dataclass(frozen=True)
class _Matcher:
    # Latin: whole words and phrases, and word prefixes grouped by their first three letters
    latin_exact: dict[str, str]
    phrase_sizes: dict[str, tuple[int, ...]]
    latin_prefix: dict[str, list[tuple[str, str]]]
    # other scripts: one regex matching every form, longest first, and form -> concept
    other_forms: re.Pattern[str]
    other_concepts: dict[str, str]


@cache
def _matcher() -> _Matcher:
    latin_exact: dict[str, str] = {}
    phrase_sizes: dict[str, set[int]] = {}
    latin_prefix: dict[str, list[tuple[str, str]]] = {}
    other_concepts: dict[str, str] = {}
    for concept, forms in CONCEPTS.items():
        token = CONCEPT_PREFIX + concept
        for raw in forms:
            form = normalize(raw.rstrip("*"))
            if _OTHER_SCRIPT.search(form):
                other_concepts.setdefault(form, token)
                continue
            words = [_fold_latin(word) for word in _LATIN_WORD.findall(form)]
            key = " ".join(words)
            if raw.endswith("*"):
                if len(words) != 1:
                    raise ValueError(f"prefix form {raw!r} must be one word")
                latin_prefix.setdefault(key[:3], []).append((key, token))
            else:
                latin_exact.setdefault(key, token)
                phrase_sizes.setdefault(words[0], set()).add(len(words))
    for group in latin_prefix.values():
        group.sort(key=lambda pair: len(pair[0]), reverse=True)
    sizes = {
        word: tuple(size for size in sorted(found, reverse=True) if size > 1)
        for word, found in phrase_sizes.items()
    }
    other_forms = re.compile(_trie_pattern(other_concepts))
    return _Matcher(latin_exact, sizes, latin_prefix, other_forms, other_concepts)


def _trie_pattern(forms: Iterable[str]) -> str:
    """A regex matching any of ``forms``, the longest at a position first.

    Factored by common prefixes, so the scan stays in the regex engine instead of trying
    hundreds of alternatives at every character.
    """
    trie: dict[str, Any] = {}
    for form in forms:
        node = trie
        for char in form:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict[str, Any]) -> str:
        branches = [
            re.escape(char) + pattern(child) for char, child in sorted(node.items()) if char
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return pattern(trie)


@lru_cache(maxsize=1 << 16)
def _word_concept(word: str) -> str | None:
    matcher = _matcher()
    concept = matcher.latin_exact.get(word)
    if concept is None:
        for prefix, candidate in matcher.latin_prefix.get(word[:3], ()):
            if word.startswith(prefix):
                return candidate
    return concept


def _latin_concepts(words: list[str], matcher: _Matcher) -> list[str]:
    found: list[str | None] = list(map(_word_concept, words))
    phrase_sizes, latin_exact = matcher.phrase_sizes, matcher.latin_exact
    covered = 0  # a phrase hides the concepts of the words inside it ("exchange rate")
    for i in [i for i, word in enumerate(words) if word in phrase_sizes]:
        if i < covered:
            continue
        for size in phrase_sizes[words[i]]:
            concept = latin_exact.get(" ".join(words[i : i + size]))
            if concept is not None and i + size <= len(words):
                found[i] = concept
                found[i + 1 : i + size] = [None] * (size - 1)
                covered = i + size
                break
    return [concept for concept in found if concept is not None]


def concept_tokens(text: str) -> list[str]:
    """Concept tokens (``#refund``, ``#customs`` …) for every surface form found in ``text``."""
    return concept_tokens_normalized(normalize(text))


def concept_tokens_normalized(normalized: str) -> list[str]:
    """:func:`concept_tokens` for text already passed through :func:`normalize`."""
    matcher = _matcher()
    words = list(map(_fold_latin, _LATIN_WORD.findall(normalized)))
    found = _latin_concepts(words, matcher)
    if not normalized.isascii():
        found.extend(
            map(matcher.other_concepts.__getitem__, matcher.other_forms.findall(normalized))
        )
    return found
