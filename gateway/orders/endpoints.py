"""``PUT /api/v1/customers/{email}/orders/{order_id}``: the shop's systems attach an order."""

from __future__ import annotations

from fastapi import APIRouter, Response

from gateway.auth.dependencies import TokenDep
from gateway.db import SessionDep
from gateway.errors import ApiError
from gateway.orders import service
from gateway.orders.schemas import OrderIn, OrderOut

router = APIRouter(prefix="/api/v1", tags=["orders"])


@router.put("/customers/{email}/orders/{order_id}", response_model=OrderOut)
def put_order(
    email: str,
    order_id: str,
    body: OrderIn,
    response: Response,
    session: SessionDep,
    _token: TokenDep,
) -> OrderOut:
    try:
        order, created = service.put_order(
            session, email=email.strip().lower(), order_id=order_id, body=body
        )
    except service.OrderError as exc:
        raise ApiError(422, "invalid_request", str(exc)) from exc
    response.status_code = 201 if created else 200
    return service.order_out(order, email.strip().lower())
