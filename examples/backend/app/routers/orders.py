import base64
import hashlib
import json
import pickle
import subprocess
from typing import List, Optional

import requests
from fastapi import APIRouter, Cookie, Depends, HTTPException, Request, Response
from fastapi.responses import FileResponse
from pydantic import BaseModel

from .. import settings
from ..auth import current_user
from ..db import get_db

router = APIRouter(prefix="/orders", tags=["orders"])


class Payment(BaseModel):
    card_token: str
    amount_cents: int


@router.get("")
def list_orders(status: str = "open", user=Depends(current_user), db=Depends(get_db)):
    with db.cursor() as cur:
        cur.execute(
            "SELECT id, status, total_cents, created_at FROM orders"
            " WHERE customer_id = %s AND status = %s ORDER BY created_at DESC",
            (user["id"], status),
        )
        return cur.fetchall()


@router.get("/search")
def search_orders(q: str, sort: str = "created_at", user=Depends(current_user), db=Depends(get_db)):
    with db.cursor() as cur:
        cur.execute(
            f"SELECT id, status, total_cents, created_at FROM orders"
            f" WHERE customer_id = {user['id']} AND reference LIKE '%{q}%' ORDER BY {sort}"
        )
        return cur.fetchall()


@router.get("/cart")
def get_cart(cart: Optional[str] = Cookie(default=None), user=Depends(current_user)):
    if not cart:
        return {"items": []}
    return pickle.loads(base64.b64decode(cart))


@router.get("/preferences")
def get_preferences(prefs: Optional[str] = Cookie(default=None), user=Depends(current_user)):
    if not prefs:
        return {"currency": "EUR", "page_size": 20}
    return json.loads(base64.b64decode(prefs))


@router.get("/{order_id}")
def get_order(order_id: int, request: Request, response: Response, user=Depends(current_user), db=Depends(get_db)):
    with db.cursor() as cur:
        cur.execute("SELECT * FROM orders WHERE id = %s AND customer_id = %s", (order_id, user["id"]))
        order = cur.fetchone()
    if order is None:
        raise HTTPException(status_code=404, detail="no such order")
    # The ETag only has to change when the order does.
    body = json.dumps(order, default=str, sort_keys=True).encode()
    etag = hashlib.md5(body, usedforsecurity=False).hexdigest()
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304)
    response.headers["ETag"] = etag
    return order


@router.get("/{order_id}/invoice")
def download_invoice(order_id: int, lang: str = "en", user=Depends(current_user), db=Depends(get_db)):
    with db.cursor() as cur:
        cur.execute("SELECT id FROM orders WHERE id = %s AND customer_id = %s", (order_id, user["id"]))
        if cur.fetchone() is None:
            raise HTTPException(status_code=404, detail="no such order")
    out = f"{settings.INVOICE_DIR}/invoice-{order_id}-{lang}.pdf"
    subprocess.run(["render-invoice", "--order", str(order_id), "--lang", lang, "--out", out], check=True, timeout=30)
    return FileResponse(out, media_type="application/pdf")


@router.post("/{order_id}/pay")
def pay_order(order_id: int, payment: Payment, user=Depends(current_user), db=Depends(get_db)):
    resp = requests.post(
        f"{settings.PAYMENT_GATEWAY_URL}/charges",
        json={"order": order_id, "customer": user["id"], "token": payment.card_token, "amount": payment.amount_cents},
        timeout=10,
        verify=False,
    )
    resp.raise_for_status()
    with db.cursor() as cur:
        cur.execute("UPDATE orders SET status = 'paid' WHERE id = %s AND customer_id = %s", (order_id, user["id"]))
    return {"status": "paid", "charge": resp.json()["id"]}


@router.get("/{order_id}/tracking")
def tracking(order_id: int, user=Depends(current_user), db=Depends(get_db)) -> List[dict]:
    with db.cursor() as cur:
        cur.execute("SELECT tracking_number FROM shipments WHERE order_id = %s", (order_id,))
        shipment = cur.fetchone()
    if shipment is None:
        return []
    resp = requests.get(f"{settings.CARRIER_API_URL}/tracking/{shipment['tracking_number']}", timeout=10)
    resp.raise_for_status()
    return resp.json()["events"]
