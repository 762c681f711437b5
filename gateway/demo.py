"""``kakehashi demo``: a sample shop to look around in — queues, inquiries, templates, an agent."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from gateway.auth.passwords import hash_password
from gateway.intake.service import Inquiry, receive_inquiry
from gateway.models import Agent, AgentRole, Channel, Customer, ReplyTemplate
from gateway.settings import Settings

DEMO_AGENT_EMAIL = "demo@kakehashi.example"

INQUIRIES: tuple[tuple[str, str, str, str], ...] = (
    (
        "emily.carter@example.com",
        "Emily Carter",
        "Where is my order?",
        "Hello, my order #48812 was placed last Monday but I haven't received a shipping "
        "confirmation yet. Could you tell me when it will ship?",
    ),
    (
        "lin.yating@example.tw",
        "林雅婷",
        "寄送到台灣",
        "您好，請問可以寄到台灣嗎？運費大概多少？我想買兩件浴衣。",
    ),
    (
        "wang.fang@example.cn",
        "王芳",
        "退货",
        "你好，我收到的和服颜色和图片不一样，可以退货吗？订单号是 48830。",
    ),
    (
        "minji.kim@example.kr",
        "김민지",
        "배송 문의",
        "안녕하세요. 주문한 상품이 아직 안 왔어요. 배송 언제 되나요? 주문번호 48841입니다.",
    ),
    (
        "somchai@example.co.th",
        "Somchai",
        "สอบถามการจัดส่ง",
        "สวัสดีครับ สินค้าที่สั่งไปยังไม่ได้รับเลย ต้องใช้เวลาจัดส่งกี่วันครับ",
    ),
    (
        "nguyen.an@example.vn",
        "Nguyễn An",
        "Hỏi về đơn hàng",
        "Xin chào, tôi muốn đổi địa chỉ giao hàng cho đơn hàng 48850. Có được không ạ?",
    ),
    (
        "lucia.garcia@example.es",
        "Lucía García",
        "Talla del kimono",
        "Hola, ¿el kimono de la foto está disponible en talla M? Gracias.",
    ),
    (
        "camille.martin@example.fr",
        "Camille Martin",
        "Facture",
        "Bonjour, pourriez-vous m'envoyer une facture pour ma commande 48862 ? Merci beaucoup.",
    ),
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
        "ご不便をおかけして大変申し訳ございません。商品到着後7日以内であれば返品を承ります。"
        "お手数ですが、注文番号 {注文番号} と商品の写真をお送りいただけますでしょうか。",
    ),
    (
        "お調べします",
        "共通",
        "恐れ入りますが、確認のうえ改めてご連絡いたします。少々お時間をいただけますと幸いです。",
    ),
)


@dataclass(frozen=True)
class DemoResult:
    conversations: int
    agent_email: str
    agent_password: str | None


def load_demo(session: Session, *, settings: Settings) -> DemoResult:
    """Add the sample shop; running it again adds nothing twice."""
    created = 0
    for email, name, subject, text in INQUIRIES:
        if session.scalar(select(Customer).where(Customer.email == email)) is not None:
            continue
        receive_inquiry(
            session,
            Inquiry(
                channel=Channel.API,
                text=text,
                customer_email=email,
                customer_name=name,
                subject=subject,
            ),
            settings=settings,
        )
        created += 1
    if session.scalar(select(ReplyTemplate).limit(1)) is None:
        for position, (name, category, body) in enumerate(TEMPLATES):
            session.add(
                ReplyTemplate(name=name, category=category, body_ja=body, position=position)
            )
    password = None
    if session.scalar(select(Agent).where(Agent.email == DEMO_AGENT_EMAIL)) is None:
        password = secrets.token_urlsafe(12)
        session.add(
            Agent(
                email=DEMO_AGENT_EMAIL,
                name="デモ担当者",
                role=AgentRole.ADMIN,
                password_hash=hash_password(password),
            )
        )
    return DemoResult(conversations=created, agent_email=DEMO_AGENT_EMAIL, agent_password=password)
