"""Automatic mail: what a program sent, which must never open a conversation.

An out-of-office reply, a mailing-list digest or our own acknowledgement coming back through a
buyer's forward is noise in a language queue: an agent would be asked to answer a machine, and
the queue's response figures would suffer. RFC 3834 §2 says never to answer automatic mail;
the gateway holds it for review instead (see ``gateway.mailbox.held``).

:func:`classify_automatic` is pure: it reads a :class:`~mail.parsed.ParsedMail` and what the
caller knows (our addresses, which Message-IDs are ours) and returns a :class:`Verdict` with a
stable reason code, or None for mail a person wrote. Headers decide first (RFC 3834
``Auto-Submitted``, the de-facto ``X-Autoreply`` family, ``Precedence``, RFC 2369/2919 list
headers, ``X-Loop``); mail without any such header (Japanese groupware sends its 不在のお知らせ
bare) is judged by its words: an out-of-office subject or opening counts only together with a
second sign, the strongest being that it answers a mail of ours.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from mail.loops import LOOP_MARK
from mail.parsed import ParsedMail

AUTO_SUBMITTED = "auto-submitted"
AUTOREPLY_HEADER = "autoreply-header"
AUTO_RESPONSE_SUPPRESS = "auto-response-suppress"
PRECEDENCE = "precedence"
MAILING_LIST = "mailing-list"
OUR_ADDRESS = "our-address"
X_LOOP = "x-loop"
ROBOT_SENDER = "robot-sender"
NULL_SENDER = "null-sender"
READ_RECEIPT = "read-receipt"
OUT_OF_OFFICE = "out-of-office"

#: Every reason code, in the order they are checked (the first that applies is the reason).
REASONS = (
    OUR_ADDRESS,
    X_LOOP,
    AUTO_SUBMITTED,
    AUTOREPLY_HEADER,
    MAILING_LIST,
    PRECEDENCE,
    AUTO_RESPONSE_SUPPRESS,
    READ_RECEIPT,
    NULL_SENDER,
    ROBOT_SENDER,
    OUT_OF_OFFICE,
)

# Precedence values that mark automatic mail. "bulk" is missing on purpose: a shop owner's
# mail-merge carries it too, and such mail is a real inquiry (it only gets no acknowledgement).
_HELD_PRECEDENCE = frozenset({"auto_reply", "junk", "list"})
# List-Unsubscribe (and RFC 8058's List-Unsubscribe-Post) alone is what mail-merge and
# newsletter tools add to one-to-one mail; the other RFC 2369 headers come from list managers.
_MERGE_TOOL_LIST_HEADERS = frozenset({"List-Unsubscribe"})
# Mailer daemons and list servers (RFC 3834 §2, RFC 5321 §4.5.5). Not no-reply senders, whose
# notifications (a marketplace forwarding a buyer's question) may need an answer, nor
# "owner-…"/"…-request" patterns that a person's address ("shop-owner@…") can match too.
_ROBOT_LOCAL_PART = re.compile(r"^(?:mailer-daemon|postmaster|listserv|majordomo)$", re.I)
# Our own Message-IDs, as mail.compose.make_message_id writes them: <seconds.hex@our domain>.
_OUR_ID_LOCAL_PART = re.compile(r"^\d{9,12}\.[0-9a-f]{16,32}$")

# Out-of-office words. A subject marker opens the subject and is followed by a colon, the end
# of the subject or a closing bracket ("Automatic reply: …", "【不在のお知らせ】…"), or stands in
# brackets anywhere, so a buyer's "Auto reply setting on the rice cooker?" or "不在票が入って
# いました" is not one.
_SUBJECT_MARKERS = (
    # English (Outlook, Exchange, Gmail, Sieve's "Auto:" from RFC 5230)
    r"auto(?:matic|mated)?[\s-]?(?:reply|response|answer)",
    r"auto",
    r"out[\s-]of[\s-](?:the[\s-])?office(?:[\s-]auto[\s-]?reply)?",
    r"ooo",
    r"away(?:[\s-]from[\s-](?:the[\s-])?office)?",
    r"(?:on[\s-])?(?:vacation|holiday|annual[\s-]leave)(?:[\s-](?:reply|notice|response))?",
    r"absence(?:[\s-]notice)?",
    # Japanese
    r"自動返信(?:メール)?",
    r"自動応答(?:メール)?",
    r"自動送信(?:メール)?",
    r"不在(?:のお知らせ|通知|連絡|中|のご連絡|のため)?",
    r"(?:休暇|外出|出張|休業)(?:中|のお知らせ)",
    # Chinese (simplified, traditional)
    r"自动回复",
    r"自動回覆",
    r"自動回复",
    r"自动答复",
    r"自動回應",
    r"自動答覆",
    r"(?:休假|外出|不在办公室|不在辦公室)(?:中|通知)?",
    # Korean
    r"자동\s?(?:응답|회신|답장)",
    r"부재\s?중?(?:\s?알림)?",
    # German
    r"abwesenheitsnotiz",
    r"automatische[\s-]antwort",
    r"abwesend",
    r"(?:automatische[\s-])?abwesenheits?(?:meldung|benachrichtigung)?",
    # French
    r"r[ée]ponse[\s-]automatique",
    r"absent(?:e)?(?:[\s-]du[\s-]bureau)?",
    r"message[\s-]d'absence",
    # Spanish, Portuguese, Italian
    r"respuesta[\s-]autom[áa]tica",
    r"fuera[\s-]de[\s-](?:la[\s-])?oficina",
    r"resposta[\s-]autom[áa]tica",
    r"fora[\s-]do[\s-]escrit[óo]rio",
    r"aus[êe]ncia",
    r"risposta[\s-]automatica",
    r"fuori[\s-](?:sede|ufficio)",
    # Dutch, Scandinavian, Finnish
    r"automatisch[\s-]antwoord",
    r"afwezig(?:heid)?",
    r"autosvar",
    r"automatiskt?[\s-]svar",
    r"fr[åa]nvaro(?:meddelande)?",
    r"frav[æe]r(?:ende)?",
    r"automaattinen[\s-]vastaus",
    r"poissa(?:olo)?",
    # Russian, Ukrainian, Polish, Czech, Turkish, Greek
    r"автоответ(?:чик)?",
    r"автоматический[\s-]ответ",
    r"автовідповідь",
    r"automatyczna[\s-]odpowied[źz]",
    r"automatick[áa][\s-]odpov[ěe]ď",
    r"otomatik[\s-](?:yan[ıi]t|cevap)",
    r"αυτόματη[\s-]απάντηση",
    # Vietnamese, Indonesian, Thai, Arabic, Hebrew
    r"tr[ảa][\s-]l[ờo]i[\s-]t[ựu][\s-]đ[ộo]ng",
    r"balasan[\s-]otomatis",
    r"ตอบกลับอัตโนมัติ",
    r"رد[\s-]تلقائي",
    r"מענה[\s-]אוטומטי",
)
_MARKER = "|".join(f"(?:{marker})" for marker in _SUBJECT_MARKERS)
_OPEN, _CLOSE = r"[\[【(（〔<«「]", r"[\]】)）〕>»」]"
# After the marker: a colon, the end, a spaced dash or bar; after a CJK or Hangul marker (whose
# languages put no colon there) also a space or an opening bracket ("不在のお知らせ （Re: …）").
_AFTER = rf"\s*(?:[:：]|$|\s[-–—|]\s)|(?<=[^\x00-\x7f])(?=\s|{_OPEN})"
_SUBJECT_OOF = re.compile(
    rf"^\s*(?:{_OPEN}\s*(?:{_MARKER})\s*{_CLOSE}|(?:{_MARKER})(?:{_AFTER}))", re.I
)
# A bracketed marker anywhere: "Re: Order A1031 [Out of Office]", "ご注文について【自動返信】".
_BRACKETED_OOF = re.compile(rf"{_OPEN}\s*(?:{_MARKER})\s*{_CLOSE}", re.IGNORECASE)

# What an automatic reply says of itself ("This is an automatic reply").
_DECLARED = (
    r"this is an? auto(?:matic|mated)?(?:[\s-]?generated)?[\s-]?(?:reply|response|message|e-?mail)",
    r"(?:この|本|こちらの)(?:メール|メッセージ)は.{0,12}?自動(?:返信|送信|応答|配信)",
    r"自動(?:返信|応答)(?:メール|メッセージ)?です",
    r"(?:这|此|這)(?:是|为|為)(?:一封)?自[动動](?:回复|回覆|答复|发送|發送)",
    r"(?:이|본)\s?(?:메일|메시지)[은는]\s?자동",
    r"자동\s?(?:응답|회신)\s?(?:메일|메시지)?입니다",
    r"dies ist eine automatische (?:antwort|nachricht|abwesenheitsnotiz|e-?mail)",
    r"ceci est (?:une réponse|un message) automatique",
    r"(?:esta|este) es (?:una respuesta|un mensaje) autom[áa]tic[oa]",
    r"(?:esta|este) [ée] (?:uma resposta|uma mensagem) autom[áa]tica",
    r"questa è una risposta automatica|questo è un messaggio automatico",
    r"dit is een automatisch (?:antwoord|bericht|gegenereerd)",
    r"(?:detta|det här) är ett automatiskt svar",
    r"dette er et automatisk (?:svar|generert svar)",
    r"tämä on automaattinen vastaus",
    r"это автоматическ(?:ий ответ|ое сообщение)",
    r"to jest automatyczna odpowied[źz]",
)
# What an out-of-office reply says of its writer ("I am out of the office until …").
_AWAY = (
    r"out of (?:the )?office",
    r"(?:i am|i'm|i will be|i'll be) (?:currently )?(?:away|on (?:vacation|holiday|leave|annual"
    r" leave|parental leave|a business trip)|travel+ing)",
    r"limited access to (?:my )?e-?mail",
    r"不在に(?:して|いたして)(?:おります|います|おりました)",
    r"不在(?:です|のため|となります|となっております|にしております)",
    r"(?:休暇|お休み)を(?:いただいて|頂いて|取って|とって)(?:おります|います)",
    r"留守にして(?:おります|います)",
    r"(?:外出|出張|休暇|休業)中",
    r"(?:外出|出張)(?:して|いたして)(?:おります|います)",
    r"休暇を取得",
    r"我(?:目前|现在|現在)?(?:正在休假|不在办公室|不在辦公室|外出)",
    r"休假中",
    r"(?:부재\s?중|휴가\s?중|사무실에 없)",
    r"nicht im büro|außer haus|im urlaub|abwesend",
    r"(?:je suis|je serai) (?:absente?|en congés?|en vacances)|absente? du bureau",
    r"(?:estoy|estaré) (?:de vacaciones|fuera de la oficina|ausente)|fuera de la oficina",
    r"(?:estou|estarei) (?:de férias|ausente|fora do escritório)|fora do escritório",
    r"(?:sono|sarò) (?:in ferie|assente|fuori (?:sede|ufficio))|fuori (?:sede|ufficio)",
    r"(?:ik ben|ben ik) (?:afwezig|met vakantie|op vakantie|niet op kantoor)",
    r"(?:jag är|är jag) (?:ledig|frånvarande|på semester)",
    r"(?:jeg er|er jeg) (?:på ferie|fraværende|på ferié)",
    r"olen (?:lomalla|poissa)",
    r"(?:я )?(?:в отпуске|нахожусь вне офиса|не в офисе|отсутствую)",
    r"(?:jestem|będę) (?:na urlopie|poza biurem|nieobecn[ya])",
)
_BODY_DECLARED = re.compile("|".join(f"(?:{p})" for p in _DECLARED), re.IGNORECASE)
_BODY_AWAY = re.compile("|".join(f"(?:{p})" for p in _AWAY), re.IGNORECASE)
#: How much of a subject is searched for a marker.
SUBJECT_CHARS = 300
#: How much of the new text counts as its opening.
OPENING_CHARS = 600
#: An "I am away" reply longer than this is a person writing more than that they are away.
SHORT_AWAY_CHARS = 800


@dataclass(frozen=True)
class Verdict:
    """Why a mail is automatic: a stable ``reason`` code (one of :data:`REASONS`), ``detail``
    (what was seen: a header value, an address, the words matched) and ``explanation``, a
    sentence for a person. ``signals`` lists every reason code that applied."""

    reason: str
    detail: str
    explanation: str
    signals: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Sign:
    reason: str
    detail: str
    explanation: str


def is_our_message_id(message_id: str, our_domains: Iterable[str]) -> bool:
    """True for a Message-ID of the form we write (``<seconds.hex@our domain>``)."""
    local, _, domain = message_id.strip("<>").rpartition("@")
    domains = {d.strip().lower() for d in our_domains if d.strip()}
    return domain.lower() in domains and bool(_OUR_ID_LOCAL_PART.match(local))


def answers_our_mail(
    parsed: ParsedMail, *, our_message_ids: Iterable[str] = (), our_domains: Iterable[str] = ()
) -> str | None:
    """The first Message-ID of ours this mail answers (In-Reply-To, then References), if any.

    ``our_message_ids`` are those the caller knows as sent by us (its outbound messages);
    otherwise an id of our form in one of ``our_domains`` counts."""
    known = set(our_message_ids)
    domains = tuple(our_domains)
    for message_id in parsed.thread_ids:
        if message_id in known or is_our_message_id(message_id, domains):
            return message_id
    return None


def out_of_office_subject(subject: str) -> str | None:
    """The out-of-office marker in ``subject`` ("Automatic reply", "不在のお知らせ"): opening it,
    or anywhere in brackets."""
    subject = subject[:SUBJECT_CHARS]  # a hostile subject costs no more than a long one
    match = _SUBJECT_OOF.match(subject) or _BRACKETED_OOF.search(subject)
    return match.group(0).strip(" \t:：-–—|[]【】()（）〔〕<>«»「」") if match else None


def _opening(parsed: ParsedMail) -> str:
    text = parsed.new_text.strip() or parsed.full_text.strip()
    return " ".join(text[:OPENING_CHARS].split())


def _out_of_office(parsed: ParsedMail, answered: str | None) -> _Sign | None:
    """Out-of-office by its words: a subject marker, a body that calls itself automatic or
    says its writer is away, and whether it answers our mail. Two of them are needed."""
    # Also after reply prefixes: "Re: 不在のお知らせ" from groupware that answers in a thread.
    subject = out_of_office_subject(parsed.subject) or out_of_office_subject(parsed.clean_subject)
    opening = _opening(parsed)
    declared = _BODY_DECLARED.search(opening)
    away = _BODY_AWAY.search(opening)
    new_text = (parsed.new_text.strip() or parsed.full_text.strip())[: SHORT_AWAY_CHARS + 1]
    # A buyer who answers our mail "I'm away next week, could you ship after the 20th?" is a
    # person: a short away note without a question, answering our mail, is not.
    short_away_note = (
        away is not None
        and answered is not None
        and len(new_text) <= SHORT_AWAY_CHARS
        and "?" not in new_text
        and "？" not in new_text
    )
    held = (
        (subject is not None and (answered or declared or away))
        or (declared is not None and (answered or away))
        or short_away_note
    )
    if not held:
        return None
    seen: list[str] = []
    if subject:
        seen.append(f"subject “{subject}”")
    for match in (declared, away):
        if match is not None:
            seen.append(f"body “{match.group(0)}”")
    if answered:
        seen.append(f"answers our mail {answered}")
    detail = "; ".join(seen)
    return _Sign(OUT_OF_OFFICE, detail, f"Out-of-office reply: {detail}")


def _is_reply(parsed: ParsedMail) -> bool:
    return bool(
        parsed.in_reply_to
        or parsed.references
        or " ".join(parsed.subject.split()) != parsed.clean_subject
        or out_of_office_subject(parsed.subject)
    )


def _loop_names_us(values: Iterable[str], marks: set[str]) -> str | None:
    for value in values:
        for token in re.findall(r"[^\s<>,;()\"']+", value.lower()):
            if token in marks:
                return value
    return None


def classify_automatic(
    parsed: ParsedMail,
    *,
    our_addresses: Iterable[str],
    our_message_ids: Iterable[str] = (),
    loop_marks: Iterable[str] = (LOOP_MARK,),
) -> Verdict | None:
    """Whether ``parsed`` is automatic mail, and why; None when a person wrote it.

    ``our_addresses`` are our support and sending addresses; ``our_message_ids`` the
    Message-IDs of mail we sent that this mail refers to, when the caller looked them up.
    Bounces are not judged here (they are matched to the mail they report first).
    """
    ours = {address.strip().lower() for address in our_addresses if address.strip()}
    domains = {address.rsplit("@", 1)[1] for address in ours if "@" in address}
    marks = {mark.strip().lower() for mark in loop_marks} | ours
    auto = parsed.automation
    sender = parsed.sender_address.lower()
    signs: list[_Sign] = []
    if sender and sender in ours:
        signs.append(_Sign(OUR_ADDRESS, sender, f"Sent from our own support address {sender}"))
    loop = _loop_names_us(auto.x_loop, marks)
    if loop is not None:
        signs.append(_Sign(X_LOOP, loop, f"X-Loop names us ({loop}): a mail loop"))
    if auto.auto_submitted and auto.auto_submitted != "no":
        signs.append(
            _Sign(
                AUTO_SUBMITTED,
                auto.auto_submitted,
                f"Auto-Submitted: {auto.auto_submitted} (RFC 3834: sent by a program)",
            )
        )
    if auto.autoreply_headers:
        names = ", ".join(auto.autoreply_headers)
        signs.append(_Sign(AUTOREPLY_HEADER, names, f"Auto-reply header: {names}"))
    list_headers = [*(["List-Id"] if auto.list_id else []), *auto.list_headers]
    if auto.digest:
        list_headers.append("multipart/digest")
    if set(list_headers) - _MERGE_TOOL_LIST_HEADERS:
        names = ", ".join(list_headers)
        signs.append(_Sign(MAILING_LIST, names, f"Mailing-list mail ({names})"))
    precedence = (auto.precedence or "").replace("-", "_")
    if precedence in _HELD_PRECEDENCE:
        signs.append(
            _Sign(PRECEDENCE, precedence, f"Precedence: {precedence} (automatic or list mail)")
        )
    if auto.suppress_auto_response and _is_reply(parsed):
        signs.append(
            _Sign(
                AUTO_RESPONSE_SUPPRESS,
                "X-Auto-Response-Suppress",
                "A reply marked X-Auto-Response-Suppress (an Exchange/Outlook automatic reply)",
            )
        )
    if auto.report_type == "disposition-notification":
        signs.append(
            _Sign(READ_RECEIPT, auto.report_type, "A read receipt (RFC 8098 disposition notice)")
        )
    if auto.null_return_path:
        signs.append(
            _Sign(
                NULL_SENDER,
                "<>",
                "Sent from the null sender <>, which only notifications use (RFC 5321 §4.5.5)",
            )
        )
    if sender and _ROBOT_LOCAL_PART.match(sender.rsplit("@", 1)[0]):
        signs.append(_Sign(ROBOT_SENDER, sender, f"Sent by a mail robot ({sender})"))
    answered = answers_our_mail(parsed, our_message_ids=our_message_ids, our_domains=domains)
    oof = _out_of_office(parsed, answered)
    if oof is not None:
        signs.append(oof)
    if not signs:
        return None
    first = signs[0]
    return Verdict(
        reason=first.reason,
        detail=first.detail,
        explanation=first.explanation,
        signals=tuple(sign.reason for sign in signs),
    )
