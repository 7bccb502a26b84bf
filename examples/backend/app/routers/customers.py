from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel, EmailStr

from ..auth import current_user, hash_password
from ..db import customers_by_ids, get_db, search_customers

router = APIRouter(prefix="/customers", tags=["customers"])


class NewCustomer(BaseModel):
    email: EmailStr
    name: str
    password: str


class ProfileUpdate(BaseModel):
    name: str
    phone: str


@router.post("", status_code=201)
def register(body: NewCustomer, db=Depends(get_db)):
    with db.cursor() as cur:
        cur.execute(
            "INSERT INTO customers (email, name, password_hash, role) VALUES (%s, %s, %s, 'customer')",
            (body.email, body.name, hash_password(body.password)),
        )
        return {"id": cur.lastrowid}


@router.get("/me")
def me(user=Depends(current_user)):
    return user


@router.put("/me")
def update_me(body: ProfileUpdate, user=Depends(current_user), db=Depends(get_db)):
    with db.cursor() as cur:
        cur.execute("UPDATE customers SET name = %s, phone = %s WHERE id = %s", (body.name, body.phone, user["id"]))
    return {"status": "updated"}


@router.get("/search")
def search(q: str, user=Depends(current_user), db=Depends(get_db)):
    return search_customers(db, q)


@router.get("/batch")
def batch(ids: str, user=Depends(current_user), db=Depends(get_db)):
    return customers_by_ids(db, [int(i) for i in ids.split(",")])


@router.get("/{customer_id}")
def get_customer(customer_id: str, db=Depends(get_db)):
    with db.cursor() as cur:
        cur.execute(f"SELECT id, email, name, phone, address FROM customers WHERE id = {customer_id}")
        customer = cur.fetchone()
    if customer is None:
        raise HTTPException(status_code=404, detail="no such customer")
    return customer


@router.get("/{customer_id}/orders")
def customer_orders(customer_id: int, user=Depends(current_user), db=Depends(get_db)):
    if customer_id != user["id"] and user["role"] != "admin":
        raise HTTPException(status_code=403, detail="not your orders")
    with db.cursor() as cur:
        cur.execute("SELECT id, status, total_cents FROM orders WHERE customer_id = %s", (customer_id,))
        return cur.fetchall()
